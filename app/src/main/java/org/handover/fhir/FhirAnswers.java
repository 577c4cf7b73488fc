package org.handover.fhir;

import ca.uhn.fhir.context.FhirContext;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handover.domain.Masking;
import org.handover.fhir.FhirProblem.Issue;
import org.handover.quarantine.Quarantine;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * What every FHIR R4 endpoint answers the same way: request bodies decoded by their declared charset, resources
 * encoded in the chosen format, and refusals as an OperationOutcome, the refused input quarantined with its id
 * quoted back to the sender.
 */
@Component
public class FhirAnswers {

    /** A JSON escape of a control character FHIR forbids, not preceded by an escaped backslash of its own. */
    private static final Pattern CONTROL_CHARACTER_ESCAPE =
            Pattern.compile("(?<!\\\\)(?:\\\\\\\\)*(\\\\u00(?:0[0-8bBcCeEfF]|1[0-9a-fA-F]))");

    /** Response header carrying the quarantine id of a refused input. */
    public static final String QUARANTINE_HEADER = "X-Handover-Quarantine-Id";

    private final FhirContext fhir = FhirContext.forR4Cached();
    private final Quarantine quarantine;

    FhirAnswers(Quarantine quarantine) {
        this.quarantine = quarantine;
    }

    public FhirContext context() {
        return fhir;
    }

    public String encode(IBaseResource resource, FhirFormat format) {
        return format.parser(fhir).setPrettyPrint(true).encodeResourceToString(resource);
    }

    /** The refusal as an OperationOutcome; NHS numbers in diagnostics are masked, refused input is quarantined. */
    public ResponseEntity<String> problem(FhirProblem problem, String body, FhirFormat out, String quarantineSource) {
        List<Issue> issues = problem.issues().stream()
                .map(i -> new Issue(i.code(), Masking.maskNhsNumbers(i.diagnostics()), i.expression())).toList();
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.status()).contentType(out.mediaType());
        if (problem.quarantine()) {
            String id = quarantine.keep(quarantineSource, Masking.maskNhsNumbers(problem.reason()), body);
            answer.header(QUARANTINE_HEADER, id);
            issues = issues.stream().map(i -> new Issue(i.code(), i.diagnostics() + " (refused input kept as quarantine id "
                    + id + ": quote it when asking about this refusal)", i.expression())).toList();
        }
        return answer.body(encode(outcome(issues), out));
    }

    public static OperationOutcome outcome(List<Issue> issues) {
        OperationOutcome outcome = new OperationOutcome();
        for (Issue issue : issues) {
            OperationOutcome.OperationOutcomeIssueComponent component = outcome.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(issue.code())
                    .setDiagnostics(issue.diagnostics());
            issue.expression().forEach(component::addExpression);
        }
        return outcome;
    }

    /**
     * The body as text in its declared charset (UTF-8 when none), without a byte order mark. Bytes the charset cannot
     * read become U+FFFD here, so that a refused body can still be quarantined: check them first with
     * {@link #requireReadable}.
     */
    public static String decode(byte[] bytes, String contentType) {
        if (bytes == null) {
            return null;
        }
        String text = new String(bytes, charsetOf(contentType));
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * Refuses (400) a body with bytes its charset cannot read, instead of storing a patient's name with U+FFFD where
     * the sender's letters were.
     */
    public static void requireReadable(byte[] bytes, String contentType) {
        if (bytes == null) {
            return;
        }
        Charset charset = charsetOf(contentType);
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(bytes.length * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw FhirProblem.refused(400, List.of(new Issue(IssueType.INVALID, "The body is not valid "
                    + charset.name() + ": the bytes at offset " + in.position() + " cannot be read; send it in "
                    + "UTF-8, or declare its charset in Content-Type", List.of())));
        }
        requireNoControlCharacterEscapes(out.flip());
    }

    /**
     * FHIR strings may not hold characters below U+0020 other than tab, CR and LF. XML cannot carry them at all, but
     * JSON can as a backslash-u escape, which HAPI reads; refused here, with the offset, rather than stored as text
     * PostgreSQL cannot hold (U+0000) or a patient's name with a terminal escape in it.
     */
    private static void requireNoControlCharacterEscapes(CharSequence body) {
        Matcher escape = CONTROL_CHARACTER_ESCAPE.matcher(body);
        if (escape.find()) {
            String character = escape.group(1);
            throw FhirProblem.refused(400, List.of(new Issue(IssueType.INVALID, "The body holds the control character "
                    + "U+" + character.substring(2).toUpperCase(java.util.Locale.ROOT) + " (as " + character
                    + ") at offset " + escape.start(1) + "; FHIR strings may not hold characters below U+0020 other "
                    + "than tab, carriage return and line feed", List.of())));
        }
    }

    private static Charset charsetOf(String contentType) {
        if (contentType != null) {
            try {
                Charset declared = MediaType.parseMediaType(contentType).getCharset();
                return declared == null ? StandardCharsets.UTF_8 : declared;
            } catch (RuntimeException unparseable) {
                // UTF-8; the format check answers 415 for a Content-Type it cannot read
            }
        }
        return StandardCharsets.UTF_8;
    }
}
