package org.handover.rules.referral;

import java.util.ArrayList;
import java.util.List;

/**
 * One row of the referral routing table. Administrators change the table without a rebuild: the app keeps
 * versions of it in the database and passes the current rows to {@link ReferralRules#decide}.
 *
 * <p>A row matches a referral when the specialty codes are equal (case-insensitive), at least one keyword appears in
 * the clinical text as whole words (case-insensitive; a row without keywords needs none), and the patient's age is
 * within [minAge, maxAge] (either bound may be left out). Among the matching rows the most specific wins
 * (keywords and age, then keywords, then age, then specialty alone), then the lowest rank, then the lowest id.
 *
 * @param id               stable id of the row, stored with each decision, e.g. "dermatology-children"
 * @param specialtyCode    e-RS specialty code, e.g. "DERMATOLOGY"; stored in upper case
 * @param keywords         words or phrases of which at least one must appear in the clinical text; empty for none
 * @param minAge           youngest age in years this row takes, inclusive, or {@code null}
 * @param maxAge           oldest age in years this row takes, inclusive, or {@code null} (under 16: maxAge 15)
 * @param triageGroup      Camunda candidate group that triages, e.g. "triage-dermatology"
 * @param serviceLeadGroup group that overdue triage escalates to, e.g. "lead-dermatology"
 * @param rank             lower wins among rows equally specific
 * @param description      the team as a consultant would name it; starts the decision's reason,
 *                         e.g. "Dermatology team"
 */
public record RoutingEntry(String id, String specialtyCode, List<String> keywords, Integer minAge, Integer maxAge,
        String triageGroup, String serviceLeadGroup, int rank, String description) {

    public RoutingEntry {
        id = Phrases.requireText("id", id);
        specialtyCode = Phrases.specialtyCode("specialtyCode of " + id, specialtyCode);
        List<String> checked = new ArrayList<>();
        for (String keyword : keywords == null ? List.<String>of() : keywords) {
            checked.add(Phrases.requireWords("keyword of " + id, keyword));
        }
        keywords = List.copyOf(checked);
        if (minAge != null && minAge < 0 || maxAge != null && maxAge < 0) {
            throw new IllegalArgumentException("ages of " + id + " must not be negative");
        }
        if (minAge != null && maxAge != null && minAge > maxAge) {
            throw new IllegalArgumentException("minAge " + minAge + " of " + id + " is above maxAge " + maxAge);
        }
        triageGroup = Phrases.requireText("triageGroup of " + id, triageGroup);
        serviceLeadGroup = Phrases.requireText("serviceLeadGroup of " + id, serviceLeadGroup);
        description = description == null || description.isBlank() ? triageGroup : description.strip();
    }

    public boolean hasKeywords() {
        return !keywords.isEmpty();
    }

    public boolean hasAgeBand() {
        return minAge != null || maxAge != null;
    }

    public boolean coversAge(int ageYears) {
        return (minAge == null || ageYears >= minAge) && (maxAge == null || ageYears <= maxAge);
    }

    /** Whether this row goes before {@code other} when both are equally specific: lower rank, then lower id. */
    public boolean precedes(RoutingEntry other) {
        return rank != other.rank ? rank < other.rank : id.compareTo(other.id) < 0;
    }

    /** The age band in words: "under 16", "16 and over", "16 to 64"; empty without one. */
    public String ageBand() {
        if (minAge == null && maxAge == null) {
            return "";
        }
        if (minAge == null) {
            return "under " + (maxAge + 1);
        }
        if (maxAge == null) {
            return minAge + " and over";
        }
        return minAge + " to " + maxAge;
    }

    /**
     * A suggested first version of the table for a trust to adapt. Children (under 16) go to paediatrics whatever
     * the specialty; bowel symptoms referred to general surgery go to the colorectal team; the e-RS "2WW" specialty
     * is split by keywords. Referrals no row matches go to the fallback group given to {@link ReferralRules#create}.
     */
    public static List<RoutingEntry> defaults() {
        List<String> lowerGi = List.of("rectal bleeding", "change in bowel habit", "bowel", "colon", "colonic",
                "rectal", "rectum", "anal", "haemorrhoids", "colonoscopy", "colorectal", "lower GI");
        List<String> skin = List.of("skin", "mole", "melanoma", "lesion", "squamous cell", "basal cell");
        return List.of(
                entry("paediatrics", "PAEDIATRICS", List.of(), null, null, "paediatrics", 10, "Paediatrics team"),
                entry("colorectal", "COLORECTAL", List.of(), null, null, "colorectal", 10, "Colorectal team"),
                entry("colorectal-children", "COLORECTAL", List.of(), null, 15, "paediatrics", 10,
                        "Paediatric surgery team"),
                entry("cardiology", "CARDIOLOGY", List.of(), null, null, "cardiology", 10, "Cardiology team"),
                entry("cardiology-children", "CARDIOLOGY", List.of(), null, 15, "paediatrics", 10,
                        "Paediatric cardiology team"),
                entry("dermatology", "DERMATOLOGY", List.of(), null, null, "dermatology", 10, "Dermatology team"),
                entry("dermatology-children", "DERMATOLOGY", List.of(), null, 15, "paediatrics", 10,
                        "Paediatric dermatology team"),
                entry("general-surgery", "SURGERY_GENERAL", List.of(), null, null, "general-surgery", 10,
                        "General surgery team"),
                entry("general-surgery-children", "SURGERY_GENERAL", List.of(), null, 15, "paediatrics", 10,
                        "Paediatric surgery team"),
                entry("general-surgery-bowel", "SURGERY_GENERAL", lowerGi, 16, null, "colorectal", 10,
                        "Colorectal team"),
                entry("2ww-lower-gi", "2WW", lowerGi, 16, null, "colorectal", 10, "Colorectal team"),
                entry("2ww-skin", "2WW", skin, 16, null, "dermatology", 20, "Dermatology team"),
                entry("2ww-children", "2WW", List.of(), null, 15, "paediatrics", 10, "Paediatrics team"));
    }

    private static RoutingEntry entry(String id, String specialty, List<String> keywords, Integer minAge,
            Integer maxAge, String team, int rank, String description) {
        return new RoutingEntry(id, specialty, keywords, minAge, maxAge, "triage-" + team, "lead-" + team, rank,
                description);
    }
}
