package org.handover.chc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.handover.rules.chc.ChecklistDomain;
import org.handover.rules.chc.ChecklistLevel;
import org.handover.rules.chc.ChecklistRating;
import org.handover.rules.chc.ChecklistResult;
import org.handover.rules.chc.ChecklistRules;
import org.handover.rules.chc.DstDomain;
import org.handover.rules.chc.DstLevel;
import org.handover.rules.chc.DstRating;
import org.handover.rules.chc.DstRules;
import org.junit.jupiter.api.Test;

/** The PDFs read back with PDFBox's text extraction: content, plain English, and the NHS number on every page. */
class ChcPaperworkTest {

    static final ChcSettings SETTINGS = new ChcSettings("NHS Greater Manchester ICB", "social-care",
            "chc@icb.invalid", "the CHC team on 0161 000 0000", "GPFED_CONSULT_REPORT", Duration.ofSeconds(30),
            Duration.ofMinutes(15), "CHC_DECISION", "continuing-care@{council}.council.invalid",
            ZoneId.of("Europe/London"));
    static final ChcCase CASE = new ChcCase("case-1", "api", "R1", "standard", "CHECKLIST_DUE", "9990000026",
            "Margaret Okafor", LocalDate.of(1938, 5, 17), null, "A81001", "LA-STOCKPORT", "Ward 7", "Dr Rivers",
            "New care-home placement after stroke", "Grace Okafor", "daughter", "grace@example.invalid", null, null,
            null, null, null, null, null, null, null, null, null, false, null, Instant.now(), Instant.now());

    private final ChcPaperwork paperwork = new ChcPaperwork(SETTINGS);

    @Test
    void theChecklistShowsEveryDomainTheResultAndTheNhsNumberOnEveryPage() throws IOException {
        List<ChecklistRating> ratings = new ArrayList<>();
        for (ChecklistDomain domain : ChecklistDomain.values()) {
            ratings.add(new ChecklistRating(domain, domain == ChecklistDomain.BREATHING ? ChecklistLevel.A
                    : ChecklistLevel.C, ("Observed on the ward over three days; records from the community nurses. ")
                    .repeat(8)));
        }
        ChecklistResult result = ChecklistRules.create().decide(ratings);

        byte[] pdf = paperwork.checklist(CASE, "Sam Jones, ward sister", ratings, result, LocalDate.of(2026, 11, 22));

        List<String> pages = pages(pdf);
        assertThat(pages).hasSizeGreaterThan(1);
        for (String page : pages) {
            assertThat(page).contains("NHS number: 999 000 0026");
        }
        String all = flat(pages);
        assertThat(all).contains("NHS Continuing Healthcare Checklist", "Margaret Okafor", "Sam Jones, ward sister",
                "Result: a full assessment is needed", "AInPriorityDomain", "1 A, 0 B, 10 C", "Breathing: A",
                "Altered states of consciousness: C", "22 November 2026", "Grace Okafor (daughter)");
    }

    @Test
    void theDstShowsLevelsCharacteristicsAndTheRecommendation() throws IOException {
        List<DstRating> ratings = new ArrayList<>();
        for (DstDomain domain : DstDomain.values()) {
            ratings.add(new DstRating(domain, domain == DstDomain.BEHAVIOUR ? DstLevel.PRIORITY : DstLevel.LOW,
                    "Seen at the assessment"));
        }
        byte[] pdf = paperwork.dst(CASE, "Jo Patel (nurse), Chris Lee (social worker)", "2026-12-01", ratings,
                "Complex behaviour", "Daily incidents", "Needs skilled de-escalation", "Sudden and severe",
                DstRules.create().recommend(ratings));

        String text = flat(pages(pdf));
        assertThat(text).contains("Decision Support Tool", "Behaviour: priority", "Continence: low",
                "Unpredictability", "Sudden and severe", "Recommendation: eligible", "OnePriorityNeed",
                "NHS number: 999 000 0026");
    }

    @Test
    void lettersSayWhatWasDecidedWhyAndHowToDisagreeInPlainEnglish() throws IOException {
        ChcPaperwork.Letter negative = paperwork.checklistNegative(CASE, "The ratings are below every threshold",
                LocalDate.of(2026, 11, 22));
        String text = flat(pages(negative.pdf()));
        assertThat(text).contains("Dear Margaret Okafor", "you do not need a full assessment now",
                "Why: The ratings are below every threshold", "ask NHS Greater Manchester ICB to reconsider",
                "the CHC team on 0161 000 0000", "Copy to: Grace Okafor (daughter)", "NHS number: 999 000 0026");
        assertThat(negative.text()).contains("If you disagree");

        ChcPaperwork.Letter decision = paperwork.decision(CASE, false, "No priority need", "Needs are predictable",
                LocalDate.of(2026, 12, 10));
        String decided = flat(pages(decision.pdf()));
        assertThat(decided).contains("you are not eligible for NHS Continuing Healthcare", "Needs are predictable",
                "The assessment found: No priority need", "within six months", "independent review",
                "NHS-funded nursing care", "10 December 2026");
    }

    @Test
    void charactersTheStandardFontCannotShowAreReplacedNotLost() throws IOException {
        byte[] pdf = new PdfWriter("Test", "Zoë Ŵilliams", "999 000 0026").paragraph("Smart ’quotes’ – and 😀")
                .toBytes();
        String text = pages(pdf).get(0);
        assertThat(text).contains("Zoë ?illiams", "Smart 'quotes' - and ?");
    }

    /** All pages as one line: the layout wraps lines wherever the width ends. */
    static String flat(List<String> pages) {
        return String.join(" ", pages).replaceAll("\\s+", " ");
    }

    static List<String> pages(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<String> pages = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper();
            for (int i = 1; i <= document.getNumberOfPages(); i++) {
                stripper.setStartPage(i);
                stripper.setEndPage(i);
                pages.add(stripper.getText(document));
            }
            return pages;
        }
    }
}
