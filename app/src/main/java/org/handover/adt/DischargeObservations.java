package org.handover.adt;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.handover.adt.RefusedEvent.ErrorCode;
import org.handover.encounter.DischargeFacts;
import org.handover.encounter.Mobility;

/**
 * The local observation codes that carry the Discharge to Assess facts and the patient's choice of a copy of the
 * summary (OBX-3 in HL7 v2, documented in the adt README). A code that is not sent leaves the fact unknown (null),
 * never "no"; "UNK" says so explicitly.
 */
final class DischargeObservations {

    static final String NEEDS_SUPPORT_AT_HOME = "D2A-NEEDS-SUPPORT";
    static final String LIVED_ALONE = "D2A-LIVED-ALONE";
    static final String CARE_PACKAGE_BEFORE_ADMISSION = "D2A-CARE-PACKAGE";
    static final String MOBILITY = "D2A-MOBILITY";
    static final String NEEDS_BED_BASED_REHABILITATION = "D2A-BED-REHAB";
    static final String NEW_CARE_HOME_PLACEMENT = "D2A-NEW-CARE-HOME";
    static final String CARER_INVOLVED = "D2A-CARER-INVOLVED";
    static final String PATIENT_COPY = "PATIENT-COPY";

    private final Map<String, Object> values = new HashMap<>();

    /** @return false when the code is not one of ours (other observations are ignored) */
    boolean add(String code, String value, String field) {
        String key = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        switch (key) {
            case NEEDS_SUPPORT_AT_HOME, LIVED_ALONE, CARE_PACKAGE_BEFORE_ADMISSION, NEEDS_BED_BASED_REHABILITATION,
                    NEW_CARE_HOME_PLACEMENT, CARER_INVOLVED, PATIENT_COPY -> values.put(key, yesNo(key, value, field));
            case MOBILITY -> values.put(key, mobility(value, field));
            default -> {
                return false;
            }
        }
        return true;
    }

    DischargeFacts facts() {
        return new DischargeFacts(flag(NEEDS_SUPPORT_AT_HOME), flag(LIVED_ALONE), flag(CARE_PACKAGE_BEFORE_ADMISSION),
                (Mobility) values.get(MOBILITY), flag(NEEDS_BED_BASED_REHABILITATION), flag(NEW_CARE_HOME_PLACEMENT),
                flag(CARER_INVOLVED));
    }

    Boolean patientCopyRequested() {
        return flag(PATIENT_COPY);
    }

    private Boolean flag(String code) {
        return (Boolean) values.get(code);
    }

    private static Boolean yesNo(String code, String value, String field) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        return switch (v) {
            case "Y", "YES", "TRUE" -> Boolean.TRUE;
            case "N", "NO", "FALSE" -> Boolean.FALSE;
            case "", "UNK", "UNKNOWN" -> null;
            default -> throw RefusedEvent.error(ErrorCode.TABLE_VALUE_NOT_FOUND, field,
                    code + " must be Y, N or UNK, not '" + shorten(value) + "'");
        };
    }

    private static Mobility mobility(String value, String field) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        if (v.isEmpty() || v.equals("UNK") || v.equals("UNKNOWN")) {
            return null;
        }
        try {
            return Mobility.valueOf(v);
        } catch (IllegalArgumentException e) {
            throw RefusedEvent.error(ErrorCode.TABLE_VALUE_NOT_FOUND, field, MOBILITY + " must be one of "
                    + java.util.Arrays.toString(Mobility.values()) + " or UNK, not '" + shorten(value) + "'");
        }
    }

    private static String shorten(String value) {
        return value == null ? "" : value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
