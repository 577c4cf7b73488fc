package org.handover.rules.fft;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The trust's Friends and Family Test settings the eligibility rules apply.
 *
 * @param minimumAgeYears            patients younger than this are not asked (no proxy by text): 16
 * @param minimumDaysBetweenRequests at most one request per patient in this many days: 30
 * @param enabledSettings            encounter settings (EncounterSetting names) asked by text
 * @param bereavementCodes           diagnosis/outcome codes of a bereaved-parent encounter: SNOMED CT concept ids
 *                                   (all digits, matched exactly) or ICD-10 codes (matched as a prefix, dot ignored)
 */
public record FftPolicy(int minimumAgeYears, int minimumDaysBetweenRequests, Set<String> enabledSettings,
        List<String> bereavementCodes) {

    /**
     * Pregnancy loss and the death of a baby. SNOMED CT: 17369002 Miscarriage, 16607004 Missed miscarriage,
     * 237364002 Stillbirth, 276506001 Neonatal death. ICD-10 (prefixes): O02.1 missed abortion, O03 spontaneous
     * abortion, O36.4 maternal care for intrauterine death, Z37.1/Z37.3/Z37.4/Z37.6/Z37.7 outcomes of delivery with
     * a stillbirth, P95 stillbirth (baby's record). ICD-10 has no code for a neonatal death as such, so that one is
     * recognised by its SNOMED CT concept only. A trust adds its local codes through configuration.
     */
    public static final List<String> DEFAULT_BEREAVEMENT_CODES = List.of(
            "17369002", "16607004", "237364002", "276506001",
            "O02.1", "O03", "O36.4", "Z37.1", "Z37.3", "Z37.4", "Z37.6", "Z37.7", "P95");

    public FftPolicy {
        if (minimumAgeYears < 0 || minimumDaysBetweenRequests < 0) {
            throw new IllegalArgumentException("minimum age and days between requests must not be negative");
        }
        enabledSettings = Objects.requireNonNull(enabledSettings, "enabledSettings").stream()
                .map(s -> s.strip().toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        bereavementCodes = List.copyOf(Objects.requireNonNull(bereavementCodes, "bereavementCodes"));
    }

    /** 16, 30 days, every setting, the codes above. */
    public static FftPolicy defaults() {
        return new FftPolicy(16, 30,
                Set.of("INPATIENT", "DAY_CASE", "MATERNITY", "EMERGENCY_DEPARTMENT", "OUTPATIENT"),
                DEFAULT_BEREAVEMENT_CODES);
    }

    public boolean isEnabled(String setting) {
        return setting != null && enabledSettings.contains(setting.toUpperCase(Locale.ROOT));
    }

    /** The first of {@code codes} that marks a bereaved-parent encounter, or null. */
    public String bereavementCodeIn(List<String> codes) {
        for (String code : codes) {
            String given = normalise(code);
            for (String listed : bereavementCodes) {
                String wanted = normalise(listed);
                boolean snomed = wanted.chars().allMatch(Character::isDigit);
                if (snomed ? given.equals(wanted) : given.startsWith(wanted)) {
                    return code;
                }
            }
        }
        return null;
    }

    private static String normalise(String code) {
        return code == null ? "" : code.strip().toUpperCase(Locale.ROOT).replace(".", "");
    }
}
