package org.handover.rules.referral;

import java.time.LocalDate;
import java.util.List;

/** Shared rules (built once for all test classes) and builders for the referral tests. */
final class Fixtures {

    static final String FALLBACK = "referral-coordinators";
    static final ReferralRules RULES = ReferralRules.create(WorkingDays.england(), DeadlinePolicy.defaults(), FALLBACK);

    /** Monday 23 November 2026: no bank holiday within two weeks. */
    static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    static final String UBRN = "000000070000";

    private Fixtures() {
    }

    static ReferralFacts referral(String specialty, String text, int age, ReferralPriority gpPriority) {
        return new ReferralFacts(UBRN, specialty, text, age, gpPriority, MONDAY);
    }

    static ReferralFacts routine(String specialty, String text, int age) {
        return referral(specialty, text, age, ReferralPriority.ROUTINE);
    }

    static RoutingEntry plain(String id, String specialty, String group, int rank) {
        return new RoutingEntry(id, specialty, List.of(), null, null, group, "lead-" + id, rank, null);
    }

    static RoutingEntry entry(String id, String specialty, List<String> keywords, Integer minAge, Integer maxAge,
            String group, String description) {
        return new RoutingEntry(id, specialty, keywords, minAge, maxAge, group, "lead-" + id, 10, description);
    }
}
