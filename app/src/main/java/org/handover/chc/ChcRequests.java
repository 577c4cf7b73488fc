package org.handover.chc;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.handover.domain.InvalidNhsNumberException;
import org.handover.domain.NhsNumber;
import org.springframework.stereotype.Component;

/**
 * Checks a request to open a CHC case, from any entry point, naming every problem at once. Field names are those of
 * the REST body (the process variables use the same names).
 */
@Component
class ChcRequests {

    private static final Pattern ODS = Pattern.compile("[A-Z0-9]{3,10}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final Clock clock;

    ChcRequests(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param field reads a field by name (null when absent)
     * @throws ChcRequestException naming every problem
     */
    NewChcCase read(String source, String sourceRef, String pathway, Function<String, String> field) {
        List<String> problems = new ArrayList<>();
        boolean badNhsNumber = false;
        String nhsNumber = field.apply("nhsNumber");
        NhsNumber number = null;
        if (blank(nhsNumber)) {
            problems.add("nhsNumber is required (ten digits)");
        } else {
            try {
                number = NhsNumber.of(nhsNumber);
            } catch (InvalidNhsNumberException e) {
                badNhsNumber = true;
                problems.add("nhsNumber is not a valid NHS number: " + e.getMessage());
            }
        }
        String name = required(field, "patientName", 300, problems);
        LocalDate birthDate = null;
        String birth = field.apply("birthDate");
        if (blank(birth)) {
            problems.add("birthDate is required (YYYY-MM-DD)");
        } else {
            try {
                birthDate = LocalDate.parse(birth.strip());
                if (birthDate.isAfter(LocalDate.now(clock))) {
                    problems.add("birthDate " + birth + " is in the future");
                }
            } catch (DateTimeParseException e) {
                problems.add("birthDate '" + birth + "' is not a date as YYYY-MM-DD");
            }
        }
        String ods = required(field, "gpPracticeOds", 10, problems);
        if (ods != null && !ODS.matcher(ods.toUpperCase()).matches()) {
            problems.add("gpPracticeOds '" + ods + "' is not an ODS code (3 to 10 letters and digits)");
        }
        String referrer = required(field, "referrer", 300, problems);
        String reason = required(field, "reason", 2000, problems);
        String council = optional(field, "councilCode", 40, problems);
        String ward = optional(field, "ward", 100, problems);
        String email = email(field, "patientEmail", problems);
        String advocate = optional(field, "advocateName", 300, problems);
        String relationship = optional(field, "advocateRelationship", 100, problems);
        String advocateEmail = email(field, "advocateEmail", problems);
        if (advocate == null && advocateEmail != null) {
            problems.add("advocateEmail is given without advocateName");
        }
        if (!problems.isEmpty()) {
            throw new ChcRequestException(badNhsNumber && problems.size() == 1 ? 422 : 400, problems);
        }
        return new NewChcCase(source, sourceRef, pathway, number.value(), name, birthDate, email,
                ods.toUpperCase(), council, ward, referrer, reason, advocate, relationship, advocateEmail);
    }

    private static String required(Function<String, String> field, String name, int max, List<String> problems) {
        String value = field.apply(name);
        if (blank(value)) {
            problems.add(name + " is required");
            return null;
        }
        return limited(name, value.strip(), max, problems);
    }

    private static String optional(Function<String, String> field, String name, int max, List<String> problems) {
        String value = field.apply(name);
        return blank(value) ? null : limited(name, value.strip(), max, problems);
    }

    private static String email(Function<String, String> field, String name, List<String> problems) {
        String value = optional(field, name, 320, problems);
        if (value != null && !EMAIL.matcher(value).matches()) {
            problems.add(name + " '" + value + "' is not an email address");
        }
        return value;
    }

    private static String limited(String name, String value, int max, List<String> problems) {
        if (value.length() > max) {
            problems.add(name + " is longer than " + max + " characters");
        }
        return value;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
