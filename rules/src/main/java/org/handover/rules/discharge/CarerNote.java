package org.handover.rules.discharge;

/** Fact: something the coordinator must do about carers and family before discharge. */
public record CarerNote(Discharge discharge, String text) {
}
