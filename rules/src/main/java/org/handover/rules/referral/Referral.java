package org.handover.rules.referral;

import java.util.List;

/**
 * Fact: the referral being routed, with its clinical text prepared once for whole-word matching. Public for the
 * classes generated from the DRL.
 *
 * @param facts          the referral as the app gave it
 * @param searchableText the clinical text as lower-case words separated by single spaces
 */
public record Referral(ReferralFacts facts, String searchableText) {

    public static Referral of(ReferralFacts facts) {
        return new Referral(facts, Phrases.searchable(facts.clinicalText()));
    }

    public String specialtyCode() {
        return facts.specialtyCode();
    }

    public int ageYears() {
        return facts.patientAgeYears();
    }

    public ReferralPriority gpPriority() {
        return facts.gpPriority();
    }

    /** Whether the clinical text contains {@code phrase} as whole words, ignoring case and punctuation. */
    public boolean mentions(String phrase) {
        return Phrases.contains(searchableText, phrase);
    }

    public boolean mentionsAny(List<String> phrases) {
        return firstMentioned(phrases) != null;
    }

    /** The first of {@code phrases} the clinical text mentions, or {@code null}. */
    public String firstMentioned(List<String> phrases) {
        for (String phrase : phrases) {
            if (mentions(phrase)) {
                return phrase;
            }
        }
        return null;
    }

    /** Leaves out the clinical text, which must not reach a log. */
    @Override
    public String toString() {
        return "Referral[" + facts + "]";
    }
}
