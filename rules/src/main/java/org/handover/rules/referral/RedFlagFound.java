package org.handover.rules.referral;

/** Fact written by the red-flag rule: this referral's text mentions this red flag. Public for the generated code. */
public record RedFlagFound(Referral referral, RedFlag redFlag) {
}
