package org.handover.fft;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.handover.domain.InvalidNhsNumberException;
import org.handover.domain.NhsNumber;
import org.handover.encounter.EncounterEnded;
import org.handover.encounter.EncounterSetting;

/**
 * An ended encounter posted to {@code POST /api/fft/encounters} by a system that is not one of Handover's intakes.
 * Only what the FFT needs: no names or addresses. Dates as text so that a bad one gets a precise problem, not a
 * parser's stack trace.
 */
record EncounterRequest(String encounterId, String nhsNumber, String birthDate, String mobile, String setting,
        String siteCode, String ward, String specialty, String endedAt, Boolean diedInHospital,
        List<String> clinicalCodes) {

    private static final Pattern ENCOUNTER_ID = Pattern.compile("[A-Za-z0-9._:/-]{1,128}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()-]{7,20}");
    private static final Pattern SITE = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9.]{1,20}");
    static final Duration OLDEST = Duration.ofDays(30);

    /** Every problem with the request, each naming the field and what would be right; empty when it is valid. */
    List<String> problems(Clock clock) {
        List<String> problems = new ArrayList<>();
        if (encounterId == null || !ENCOUNTER_ID.matcher(encounterId).matches()) {
            problems.add("encounterId is required: 1 to 128 letters, digits or . _ : / -");
        }
        if (nhsNumber == null) {
            problems.add("nhsNumber is required: 10 digits");
        } else {
            try {
                NhsNumber.of(nhsNumber);
            } catch (InvalidNhsNumberException e) {
                problems.add("nhsNumber: " + e.getMessage());
            }
        }
        LocalDate birth = date(birthDate, "birthDate", problems);
        if (birth != null && birth.isAfter(LocalDate.now(clock))) {
            problems.add("birthDate " + birthDate + " is in the future");
        }
        if (mobile != null && !mobile.isBlank() && !PHONE.matcher(mobile).matches()) {
            problems.add("mobile is not a phone number: use the form +447700900123 or 07700 900123, or leave it out");
        }
        if (settingValue() == null) {
            problems.add("setting is required: one of " + List.of(EncounterSetting.values()));
        }
        if (siteCode == null || !SITE.matcher(siteCode).matches()) {
            problems.add("siteCode is required: the ODS site code, 1 to 32 letters or digits, e.g. RX101");
        }
        if (ward == null || ward.isBlank() || ward.length() > 100) {
            problems.add("ward is required: the ward or department name, at most 100 characters");
        }
        if (specialty != null && specialty.length() > 100) {
            problems.add("specialty is at most 100 characters");
        }
        Instant ended = instant(endedAt, problems);
        if (ended != null && ended.isAfter(clock.instant().plus(Duration.ofMinutes(5)))) {
            problems.add("endedAt " + endedAt + " is in the future");
        }
        if (ended != null && ended.isBefore(clock.instant().minus(OLDEST))) {
            problems.add("endedAt " + endedAt + " is more than 30 days ago: too late to ask about this encounter");
        }
        if (clinicalCodes != null) {
            for (String code : clinicalCodes) {
                if (code == null || !CODE.matcher(code).matches()) {
                    problems.add("clinicalCodes: '" + code + "' is not a SNOMED CT or ICD-10 code (1 to 20 letters, "
                            + "digits or dots)");
                }
            }
        }
        return problems;
    }

    EncounterEnded toEvent() {
        return new EncounterEnded(encounterId, nhsNumber.replace(" ", ""), null, null, LocalDate.parse(birthDate),
                mobile == null || mobile.isBlank() ? null : mobile.strip(), null, null, settingValue(), siteCode.strip(),
                ward.strip(), specialty, OffsetDateTime.parse(endedAt).toInstant(), Boolean.TRUE.equals(diedInHospital),
                clinicalCodes);
    }

    private EncounterSetting settingValue() {
        if (setting == null) {
            return null;
        }
        try {
            return EncounterSetting.valueOf(setting.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static LocalDate date(String text, String field, List<String> problems) {
        if (text == null) {
            problems.add(field + " is required: a date like 1950-04-23");
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(field + " '" + text + "' is not a date like 1950-04-23");
            return null;
        }
    }

    private static Instant instant(String text, List<String> problems) {
        if (text == null) {
            problems.add("endedAt is required: a date and time with offset, like 2026-11-22T10:15:00Z");
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            problems.add("endedAt '" + text + "' is not a date and time with offset, like 2026-11-22T10:15:00Z");
            return null;
        }
    }
}
