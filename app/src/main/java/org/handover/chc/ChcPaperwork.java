package org.handover.chc;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.handover.domain.NhsNumber;
import org.handover.rules.chc.ChecklistRating;
import org.handover.rules.chc.ChecklistResult;
import org.handover.rules.chc.DstRating;
import org.handover.rules.chc.DstRecommendation;
import org.springframework.stereotype.Component;

/**
 * The readable paperwork of a CHC case: the completed Checklist and DST as PDFs, and the letters (plain English, as
 * text for the mail body and as PDF for the record and the attachment). The patient's NHS number is on every page.
 */
@Component
class ChcPaperwork {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    /** A letter: its title, its text (mail body) and the same as a PDF. */
    record Letter(String title, String text, byte[] pdf) {
    }

    private final ChcSettings settings;

    ChcPaperwork(ChcSettings settings) {
        this.settings = settings;
    }

    byte[] checklist(ChcCase c, String assessor, List<ChecklistRating> ratings, ChecklistResult result, LocalDate day) {
        PdfWriter pdf = writer("NHS Continuing Healthcare Checklist", c);
        patient(pdf, c);
        pdf.field("Completed by", assessor).field("Date", DAY.format(day)).field("Why a Checklist was needed", c.reason());
        pdf.heading("Result: " + (result.positive() ? "a full assessment is needed" : "a full assessment is not needed"));
        pdf.paragraph(result.reason() + ".");
        pdf.field("Ratings", result.countsText() + " (decided by the rule " + result.decidingRule() + ")");
        pdf.heading("Domains");
        for (ChecklistRating rating : ratings) {
            pdf.field(rating.domain().title() + ": " + rating.level(), rating.evidence());
        }
        return pdf.toBytes();
    }

    byte[] dst(ChcCase c, String mdt, String assessmentDate, List<DstRating> ratings, String nature, String intensity,
            String complexity, String unpredictability, DstRecommendation recommendation) {
        PdfWriter pdf = writer("NHS Continuing Healthcare Decision Support Tool", c);
        patient(pdf, c);
        pdf.field("Multidisciplinary team", mdt).field("Assessment date", assessmentDate);
        pdf.heading("Levels of need");
        for (DstRating rating : ratings) {
            pdf.field(rating.domain().title() + ": " + rating.level().words(), rating.evidence());
        }
        pdf.heading("Characteristics of need");
        pdf.field("Nature", nature).field("Intensity", intensity).field("Complexity", complexity)
                .field("Unpredictability", unpredictability);
        pdf.heading("Recommendation: " + words(recommendation.outcome()));
        pdf.paragraph(recommendation.reason() + ".");
        pdf.field("Levels", recommendation.countsText() + " (decided by the rule " + recommendation.decidingRule() + ")");
        return pdf.toBytes();
    }

    Letter checklistNegative(ChcCase c, String reason, LocalDate day) {
        String title = "NHS Continuing Healthcare: the result of your Checklist";
        String text = greeting(c) + """
                On %s we completed the NHS Continuing Healthcare Checklist with you. The Checklist is a first check: \
                it shows whether you need a full assessment for NHS Continuing Healthcare.

                The result is that you do not need a full assessment now.

                Why: %s.

                This does not mean that you have no care needs. We have told your GP and the council's social care team, \
                so that they can help you get the support you need.

                If you disagree
                You, or someone acting for you, can ask %s to reconsider this result. Contact %s and say why you \
                disagree. If your needs change, you can ask for a new Checklist at any time.
                """.formatted(DAY.format(day), reason, settings.icbName(), settings.icbContact())
                + closing();
        return letter(title, text, c);
    }

    Letter decision(ChcCase c, boolean eligible, String recommendationReason, String panelReasons, LocalDate day) {
        String title = "NHS Continuing Healthcare: our decision";
        String decision = eligible ? "you are eligible for NHS Continuing Healthcare"
                : "you are not eligible for NHS Continuing Healthcare";
        String next = eligible
                ? "The NHS will arrange and pay for the care you need. The CHC team will contact you, and your "
                        + "representative if you have one, to agree your care and support."
                : "This does not mean you have no care needs. The council can assess you for care and support. If you "
                        + "live in a care home with nursing, you may be able to get NHS-funded nursing care.";
        String why = panelReasons == null || panelReasons.isBlank() ? recommendationReason + "."
                : panelReasons + "\n\nThe assessment found: " + recommendationReason + ".";
        String text = greeting(c) + """
                A team of health and social care professionals assessed your needs with you using the Decision Support \
                Tool. On %s %s's panel decided that %s.

                Why: %s

                What happens next
                %s

                If you disagree
                You, or someone acting for you, can ask for this decision to be reviewed. Contact %s within six months \
                of the date of this letter and say why you disagree. If you are still unhappy after the review, you can \
                ask NHS England for an independent review.
                """.formatted(DAY.format(day), settings.icbName(), decision, why, next, settings.icbContact())
                + closing();
        return letter(title, text, c);
    }

    Letter fastTrackAccepted(ChcCase c, String careNeeded, LocalDate day) {
        String title = "NHS Continuing Healthcare: Fast Track accepted";
        String text = greeting(c) + """
                On %s %s accepted the request from your clinician for NHS Continuing Healthcare through the Fast Track. \
                The NHS will arrange and pay for the care you need, without waiting for further assessments.

                The care asked for: %s

                The CHC team will contact you, and your representative if you have one, to arrange it. You can contact \
                %s at any time.
                """.formatted(DAY.format(day), settings.icbName(), careNeeded == null ? "as agreed with your clinician"
                : careNeeded, settings.icbContact()) + closing();
        return letter(title, text, c);
    }

    /** Cover note for the copies sent to the GP and the council. */
    String copyCover(ChcCase c, String title, String recipient) {
        return "For " + recipient + ": a copy of the letter \"" + title + "\" sent to " + c.patientName() + " (NHS number "
                + formatted(c) + "), attached as PDF.\n\nCHC case " + c.id() + ".";
    }

    static String words(DstRecommendation.Outcome outcome) {
        return switch (outcome) {
            case ELIGIBLE -> "eligible";
            case PANEL_JUDGEMENT -> "the panel's judgement is needed";
            case NOT_ELIGIBLE -> "not eligible";
        };
    }

    static String formatted(ChcCase c) {
        return NhsNumber.of(c.nhsNumber()).formatted();
    }

    private Letter letter(String title, String text, ChcCase c) {
        PdfWriter pdf = writer(title, c);
        pdf.paragraph(text);
        return new Letter(title, text, pdf.toBytes());
    }

    private static String greeting(ChcCase c) {
        String copy = c.advocateName() == null ? "" : "Copy to: " + c.advocateName()
                + (c.advocateRelationship() == null ? "" : " (" + c.advocateRelationship() + ")") + "\n";
        return "NHS number: " + formatted(c) + "\n" + copy + "\nDear " + c.patientName() + ",\n\n";
    }

    private String closing() {
        return "\nYours sincerely,\n" + settings.icbName() + "\n";
    }

    private static PdfWriter writer(String title, ChcCase c) {
        return new PdfWriter(title, c.patientName(), formatted(c));
    }

    private static void patient(PdfWriter pdf, ChcCase c) {
        pdf.heading("Patient");
        pdf.field("Name", c.patientName()).field("NHS number", formatted(c))
                .field("Date of birth", c.birthDate() == null ? null : DAY.format(c.birthDate()))
                .field("GP practice", c.gpPracticeOds());
        if (c.advocateName() != null) {
            pdf.field("Representative", c.advocateName() + (c.advocateRelationship() == null ? ""
                    : " (" + c.advocateRelationship() + ")"));
        }
    }
}
