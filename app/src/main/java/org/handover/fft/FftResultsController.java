package org.handover.fft;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.audit.AuditLog;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Friends and Family Test results for the patient experience team: {@code GET /api/fft/results?month=YYYY-MM} as
 * JSON, or as CSV in the layout of NHS England's monthly submission with {@code Accept: text/csv}; the month trend
 * per ward; the comments, searchable; and the results page at {@code /fft}.
 */
@RestController
@PreAuthorize(FftResultsController.READERS)
class FftResultsController {

    static final String READERS = "hasAnyRole('PATIENT_EXPERIENCE', 'CAMUNDA_ADMIN')";
    static final List<String> CSV_HEADER = List.of("Period", "Organisation code", "Site code", "Ward", "Setting",
            "1 Very good", "2 Good", "3 Neither good nor poor", "4 Poor", "5 Very poor", "6 Don't know",
            "Total responses", "Collected by SMS", "Percentage positive", "Percentage negative");
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final FftResults results;
    private final AuditLog audit;
    private final FftProperties properties;
    private final Clock clock;
    private final Resource page = new ClassPathResource("templates/fft/index.html");

    FftResultsController(FftResults results, AuditLog audit, FftProperties properties, Clock clock) {
        this.results = results;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping(path = "/api/fft/results", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> json(@RequestParam(required = false) String month, @RequestParam(required = false) String site,
            @RequestParam(required = false) String ward, @RequestParam(required = false) String setting) {
        FftResults.Month m = results.month(month(month), new FftResults.Filters(site, ward, setting));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("period", m.period());
        out.put("organisationCode", properties.organisationCode());
        out.put("overall", json(m.overall()));
        out.put("lines", m.lines().stream().map(FftResultsController::json).toList());
        out.put("skipped", m.skipped());
        out.put("conversations", m.conversations());
        return out;
    }

    @GetMapping(path = "/api/fft/results", produces = "text/csv")
    ResponseEntity<String> csv(@RequestParam(required = false) String month, @RequestParam(required = false) String site,
            @RequestParam(required = false) String ward, @RequestParam(required = false) String setting) {
        FftResults.Month m = results.month(month(month), new FftResults.Filters(site, ward, setting));
        StringBuilder csv = new StringBuilder(row(CSV_HEADER));
        for (FftResults.Line line : m.lines()) {
            csv.append(row(List.of(line.period(), line.organisationCode(), line.siteCode(), line.ward(),
                    FftResults.settingLabel(line.setting()), n(line.answers()[0]), n(line.answers()[1]),
                    n(line.answers()[2]), n(line.answers()[3]), n(line.answers()[4]), n(line.answers()[5]),
                    n(line.total()), n(line.collectedBySms()), n(line.percentPositive()), n(line.percentNegative()))));
        }
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"fft-" + m.period() + ".csv\"")
                .body(csv.toString());
    }

    @GetMapping(path = "/api/fft/trend", produces = MediaType.APPLICATION_JSON_VALUE)
    List<FftResults.TrendPoint> trend(@RequestParam(required = false) String to,
            @RequestParam(defaultValue = "12") int months, @RequestParam(required = false) String site,
            @RequestParam(required = false) String ward, @RequestParam(required = false) String setting) {
        if (months < 1 || months > 36) {
            throw new IllegalArgumentException("months must be 1 to 36");
        }
        return results.trend(month(to), months, new FftResults.Filters(site, ward, setting));
    }

    @GetMapping(path = "/api/fft/comments", produces = MediaType.APPLICATION_JSON_VALUE)
    List<FftResults.Comment> comments(@RequestParam(required = false) String q,
            @RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) String site,
            @RequestParam(required = false) String ward, @RequestParam(required = false) String setting,
            Principal user) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1 to 1000");
        }
        if (q != null && q.length() > 200) {
            throw new IllegalArgumentException("q is at most 200 characters");
        }
        audit.read(user.getName(), "fft-comments", null, "FFT comments" + (q == null ? "" : " matching '" + q + "'"));
        return results.comments(q, new FftResults.Filters(site, ward, setting), limit);
    }

    @GetMapping({"/fft", "/fft/"})
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache()).body(page);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(Map.of("error", e.getMessage()));
    }

    private YearMonth month(String text) {
        if (text == null || text.isBlank()) {
            return YearMonth.now(clock.withZone(properties.zone()));
        }
        try {
            return YearMonth.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("month '" + text + "' is not a month like 2026-11");
        }
    }

    private static Map<String, Object> json(FftResults.Line line) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("organisationCode", line.organisationCode());
        out.put("siteCode", line.siteCode());
        out.put("ward", line.ward());
        out.put("setting", line.setting());
        out.put("veryGood", line.answers()[0]);
        out.put("good", line.answers()[1]);
        out.put("neitherGoodNorPoor", line.answers()[2]);
        out.put("poor", line.answers()[3]);
        out.put("veryPoor", line.answers()[4]);
        out.put("dontKnow", line.answers()[5]);
        out.put("total", line.total());
        out.put("collectedBySms", line.collectedBySms());
        out.put("percentPositive", line.percentPositive());
        out.put("percentNegative", line.percentNegative());
        return out;
    }

    private static String n(long value) {
        return Long.toString(value);
    }

    /** RFC 4180 quoting; a cell that a spreadsheet would run as a formula is prefixed with an apostrophe. */
    static String row(List<String> cells) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i) == null ? "" : cells.get(i);
            if (!cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0 && !cell.matches("-?\\d+")) {
                cell = "'" + cell;
            }
            if (cell.matches("(?s).*[\",\r\n].*")) {
                cell = "\"" + cell.replace("\"", "\"\"") + "\"";
            }
            out.append(i == 0 ? "" : ",").append(cell);
        }
        return out.append("\r\n").toString();
    }
}
