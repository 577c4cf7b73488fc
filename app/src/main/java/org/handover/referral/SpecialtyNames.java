package org.handover.referral;

import java.util.Locale;

/** Readable names for specialty codes, for task names and forms: "SURGERY_GENERAL" -> "Surgery general". */
final class SpecialtyNames {

    private SpecialtyNames() {
    }

    static String display(String code) {
        if (code == null || code.isBlank()) {
            return "Unknown specialty";
        }
        String words = code.strip().replace('_', ' ').replace('-', ' ').toLowerCase(Locale.UK);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
