package org.handover.rules.referral;

import java.time.LocalDate;

/**
 * Fact written by the deadline rules: when triage is due, counted in working days from the referral date. Public for
 * the classes generated from the DRL.
 */
public record TriageDeadline(Referral referral, LocalDate dueDate, int workingDays) {

    public static TriageDeadline after(PriorityDecision priority, int workingDays, WorkingDays calendar) {
        Referral referral = priority.referral();
        return new TriageDeadline(referral,
                calendar.addWorkingDays(referral.facts().referralDate(), workingDays), workingDays);
    }
}
