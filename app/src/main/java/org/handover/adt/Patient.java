package org.handover.adt;

import java.time.LocalDate;
import java.util.Objects;

/** Who the event is about, as far as the message says; null fields are "not sent", never "none". */
record Patient(
        String nhsNumber,
        String givenName,
        String familyName,
        LocalDate birthDate,
        String addressLine,
        String postcode,
        String mobile,
        String gpPracticeOds,
        boolean dead) {

    Patient {
        Objects.requireNonNull(nhsNumber, "nhsNumber");
    }

    /** What a later message says wins; what it leaves out is kept. */
    Patient updatedBy(Patient later) {
        return new Patient(later.nhsNumber,
                or(later.givenName, givenName), or(later.familyName, familyName), or(later.birthDate, birthDate),
                or(later.addressLine, addressLine), or(later.postcode, postcode), or(later.mobile, mobile),
                or(later.gpPracticeOds, gpPracticeOds), later.dead || dead);
    }

    static <T> T or(T later, T earlier) {
        return later != null ? later : earlier;
    }
}
