package org.handover.rules.discharge;

import java.util.Locale;

/**
 * A UK postcode split into its outward code (district, "SK7") and area ("SK"). Public for the classes generated from
 * the DRL.
 *
 * @param district the outward code, or null when the postcode is missing or not a UK postcode
 * @param area     the letters that start the outward code, or null likewise
 */
public record Postcode(String district, String area) {

    private static final String UK_POSTCODE = "[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}";

    public static Postcode parse(String postcode) {
        if (postcode == null) {
            return new Postcode(null, null);
        }
        String compact = postcode.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (!compact.matches(UK_POSTCODE)) {
            return new Postcode(null, null);
        }
        String noSpace = compact.replace(" ", "");
        String district = noSpace.substring(0, noSpace.length() - 3);
        return new Postcode(district, district.replaceAll("[0-9].*", ""));
    }

    public boolean known() {
        return district != null;
    }
}
