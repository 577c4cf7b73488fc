package org.handover.fhir;

import java.util.Locale;

/**
 * What a sender asked to get back after a create or update, by FHIR's {@code Prefer: return=...} header (RFC 7240):
 * the resource as now stored (the default), or nothing but the status and headers ({@code return=minimal}), which
 * spares encoding a resource the sender drops.
 */
public enum ReturnPreference {
    REPRESENTATION,
    MINIMAL;

    public static final String HEADER = "Prefer";
    /** The answer's header that confirms a preference was followed. */
    public static final String APPLIED_HEADER = "Preference-Applied";
    public static final String MINIMAL_APPLIED = "return=minimal";

    /** From the Prefer header's values, e.g. {@code return=minimal}, {@code respond-async, return="minimal"}. */
    public static ReturnPreference of(String prefer) {
        if (prefer == null || prefer.isBlank()) {
            return REPRESENTATION;
        }
        for (String preference : prefer.split(",")) {
            String[] nameAndValue = preference.split(";", 2)[0].split("=", 2);
            if (nameAndValue.length == 2 && nameAndValue[0].strip().equalsIgnoreCase("return")) {
                String value = nameAndValue[1].strip().replace("\"", "").toLowerCase(Locale.ROOT);
                return value.equals("minimal") ? MINIMAL : REPRESENTATION;
            }
        }
        return REPRESENTATION;
    }
}
