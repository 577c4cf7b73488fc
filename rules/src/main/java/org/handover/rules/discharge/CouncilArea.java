package org.handover.rules.discharge;

import java.util.Locale;
import java.util.Objects;

/**
 * One row of the postcode -> local authority table: a postcode area ("SK") or district ("SK7") and the council that
 * covers it. A district row wins over its area's row.
 */
public record CouncilArea(String prefix, String councilCode) {

    public CouncilArea {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(councilCode, "councilCode");
        prefix = prefix.strip().toUpperCase(Locale.ROOT);
        if (!prefix.matches("[A-Z]{1,2}([0-9][0-9A-Z]?)?")) {
            throw new IllegalArgumentException("A council area is a postcode area (SK) or district (SK7, W1A), not '"
                    + prefix + "'");
        }
        if (councilCode.isBlank()) {
            throw new IllegalArgumentException("councilCode must not be blank");
        }
        councilCode = councilCode.strip();
    }

    public boolean isDistrict() {
        return Character.isDigit(prefix.charAt(prefix.length() - 1)) || prefix.matches(".*[0-9][A-Z]");
    }
}
