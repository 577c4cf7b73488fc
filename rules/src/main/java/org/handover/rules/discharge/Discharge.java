package org.handover.rules.discharge;

/** Fact: the discharge being assessed, with its postcode parsed once. Public for the classes generated from the DRL. */
public record Discharge(DischargeAssessment facts, Postcode postcode) {

    public static Discharge of(DischargeAssessment facts) {
        return new Discharge(facts, Postcode.parse(facts.postcode()));
    }
}
