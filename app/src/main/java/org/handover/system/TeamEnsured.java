package org.handover.system;

/** A team (Camunda group of type WORKFLOW) exists now, as configured: others may give it what a team needs. */
public record TeamEnsured(String groupId, String displayName) {
}
