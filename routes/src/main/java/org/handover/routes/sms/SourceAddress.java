package org.handover.routes.sms;

import java.util.Objects;

import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;

/** The sender shown to patients: an alphanumeric name, a short code or an international number. */
record SourceAddress(String address, TypeOfNumber ton, NumberingPlanIndicator npi) {

    SourceAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(ton, "ton");
        Objects.requireNonNull(npi, "npi");
    }

    static SourceAddress of(String configured) {
        String address = configured == null ? "" : configured.trim();
        if (address.isEmpty()) {
            throw new IllegalArgumentException("handover.smpp.source-address is empty");
        }
        if (address.startsWith("+") && address.substring(1).matches("\\d{7,15}")) {
            return new SourceAddress(address.substring(1), TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN);
        }
        if (address.matches("\\d{3,6}")) {
            return new SourceAddress(address, TypeOfNumber.NETWORK_SPECIFIC, NumberingPlanIndicator.UNKNOWN);
        }
        if (address.matches("\\d{7,15}")) {
            return new SourceAddress(address, TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN);
        }
        if (address.length() > 11) {
            throw new IllegalArgumentException("an alphanumeric sender has at most 11 characters");
        }
        return new SourceAddress(address, TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN);
    }
}
