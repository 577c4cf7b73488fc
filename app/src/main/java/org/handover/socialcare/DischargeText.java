package org.handover.socialcare;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.handover.domain.NhsNumber;
import org.handover.encounter.DischargeFacts;
import org.handover.encounter.PatientDischarged;
import org.handover.system.MarkdownText;

/** How a discharge reads to people: in forms, in the council's mail and in the GP's and patient's copies. */
public final class DischargeText {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.UK);
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM uuuu HH:mm", Locale.UK);

    private DischargeText() {
    }

    public static String name(PatientDischarged d) {
        String name = (blankToEmpty(d.givenName()) + " " + blankToEmpty(d.familyName())).strip();
        return name.isEmpty() ? "(name not given)" : name;
    }

    public static String nhsNumber(PatientDischarged d) {
        return NhsNumber.tryParse(d.nhsNumber()).map(NhsNumber::formatted).orElse(d.nhsNumber());
    }

    public static String date(LocalDate date) {
        return date == null ? "not given" : DATE.format(date);
    }

    public static String when(Instant instant, ZoneId zone) {
        return instant == null ? "not given" : WHEN.format(instant.atZone(zone));
    }

    /** The patient and the stay as the hospital's forms show them, in Markdown: values escaped, one line each. */
    public static String details(PatientDischarged d, Instant dischargedAt, ZoneId zone) {
        StringBuilder markdown = new StringBuilder("#### Patient\n\n");
        MarkdownText.item(markdown, "Name", name(d));
        MarkdownText.item(markdown, "NHS number", nhsNumber(d));
        MarkdownText.item(markdown, "Born", date(d.birthDate()));
        markdown.append("\n#### Stay\n\n");
        MarkdownText.item(markdown, "Ward", d.ward());
        MarkdownText.item(markdown, "Specialty", d.specialty());
        MarkdownText.item(markdown, "Consultant", d.consultant());
        MarkdownText.item(markdown, "Admitted", when(d.admittedAt(), zone));
        MarkdownText.item(markdown, "Discharged", when(dischargedAt, zone));
        return markdown.toString();
    }

    /** One line per fact, "not recorded" for unknowns, as a markdown list. */
    static String facts(DischargeFacts f) {
        List<String> lines = new ArrayList<>();
        lines.add("- Needs support at home: " + yesNo(f.needsSupportAtHome()));
        lines.add("- Lived alone: " + yesNo(f.livedAlone()));
        lines.add("- Care package before admission: " + yesNo(f.carePackageBeforeAdmission()));
        lines.add("- Mobility: " + (f.mobility() == null ? "not recorded"
                : f.mobility().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
        lines.add("- Needs bed-based rehabilitation: " + yesNo(f.needsBedBasedRehabilitation()));
        lines.add("- New care-home placement: " + yesNo(f.newCareHomePlacement()));
        lines.add("- Carers and family involved: " + yesNo(f.carerInvolved()));
        return String.join("\n", lines);
    }

    static String yesNo(Boolean value) {
        return value == null ? "not recorded" : value ? "yes" : "no";
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value.strip();
    }
}
