package org.handover.chc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Lays out a plain A4 document with Apache PDFBox: a title, headings, wrapped paragraphs and label-value lines,
 * with the patient's name and NHS number in the header of every page and "Page n of m" in the footer. Text outside
 * the standard fonts' character set (WinAnsi) is replaced, never dropped silently.
 */
final class PdfWriter {

    private static final float MARGIN = 56;
    private static final float TOP = PDRectangle.A4.getHeight() - MARGIN - 24;
    private static final float BOTTOM = MARGIN + 24;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    private record Line(String text, PDType1Font font, float size, float gapBefore) {
    }

    private final String title;
    private final String headerText;
    private final List<Line> lines = new ArrayList<>();

    /** @param nhsNumberFormatted "943 476 5919": printed on every page */
    PdfWriter(String title, String patientName, String nhsNumberFormatted) {
        this.title = title;
        this.headerText = patientName + "   NHS number: " + nhsNumberFormatted;
        add(title, BOLD, 16, 0);
    }

    PdfWriter heading(String text) {
        add(text, BOLD, 12, 10);
        return this;
    }

    PdfWriter paragraph(String text) {
        if (text == null || text.isBlank()) {
            return this;
        }
        boolean first = true;
        for (String para : text.split("\n")) {
            for (String line : wrap(para, REGULAR, 10.5f, WIDTH)) {
                add(line, REGULAR, 10.5f, first ? 6 : 0);
                first = false;
            }
        }
        return this;
    }

    /** "Label: value" with the label in bold on its own line when the value is long. */
    PdfWriter field(String label, String value) {
        add(label, BOLD, 10.5f, 5);
        for (String line : wrap(value == null || value.isBlank() ? "(not recorded)" : value, REGULAR, 10.5f, WIDTH - 12)) {
            add("    " + line, REGULAR, 10.5f, 0);
        }
        return this;
    }

    byte[] toBytes() {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = new PDDocumentInformation();
            info.setTitle(safe(title));
            info.setCreator("Handover");
            document.setDocumentInformation(info);
            PDPage page = null;
            PDPageContentStream content = null;
            float y = 0;
            for (Line line : lines) {
                float step = line.size() * 1.35f + line.gapBefore();
                if (page == null || y - step < BOTTOM) {
                    if (content != null) {
                        content.close();
                    }
                    page = new PDPage(PDRectangle.A4);
                    document.addPage(page);
                    content = new PDPageContentStream(document, page);
                    y = TOP;
                }
                y -= step;
                write(content, line.text(), line.font(), line.size(), MARGIN, y);
            }
            if (content != null) {
                content.close();
            }
            int pages = document.getNumberOfPages();
            for (int i = 0; i < pages; i++) {
                PDPage each = document.getPage(i);
                try (PDPageContentStream overlay = new PDPageContentStream(document, each,
                        PDPageContentStream.AppendMode.APPEND, true)) {
                    write(overlay, headerText, BOLD, 9, MARGIN, PDRectangle.A4.getHeight() - MARGIN + 10);
                    write(overlay, title + "   Page " + (i + 1) + " of " + pages + "   " + headerText, REGULAR, 8,
                            MARGIN, MARGIN - 10);
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the PDF '" + title + "'", e);
        }
    }

    private void add(String text, PDType1Font font, float size, float gapBefore) {
        lines.add(new Line(safe(text), font, size, gapBefore));
    }

    private static void write(PDPageContentStream content, String text, PDType1Font font, float size, float x, float y)
            throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, y);
        content.showText(safe(text));
        content.endText();
    }

    static List<String> wrap(String text, PDType1Font font, float size, float width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : safe(text).split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (textWidth(candidate, font, size) <= width || line.isEmpty()) {
                line.setLength(0);
                line.append(candidate);
            } else {
                out.add(line.toString());
                line.setLength(0);
                line.append(word);
            }
        }
        out.add(line.toString());
        return out;
    }

    private static float textWidth(String text, PDType1Font font, float size) {
        try {
            return font.getStringWidth(text) / 1000 * size;
        } catch (IOException | IllegalArgumentException e) {
            return Float.MAX_VALUE;
        }
    }

    private static boolean encodable(int codePoint) {
        try {
            REGULAR.encode(new String(Character.toChars(codePoint)));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Characters the standard fonts cannot show become '?'; tabs and line ends become spaces. */
    static String safe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\t' || c == '\r' || c == '\n') {
                out.append(' ');
            } else if (c == '\u2019' || c == '\u2018') {
                out.append('\'');
            } else if (c == '\u2013' || c == '\u2014') {
                out.append('-');
            } else if (encodable(c)) {
                out.appendCodePoint(c);
            } else {
                out.append('?');
            }
        });
        return out.toString();
    }
}
