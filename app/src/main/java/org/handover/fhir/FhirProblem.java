package org.handover.fhir;

import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * A request the FHIR endpoint refuses, with the HTTP status and the issues to put in the OperationOutcome.
 * {@code quarantine} says whether the body is kept for review (refused input) or not (e.g. 404, 412).
 */
public final class FhirProblem extends RuntimeException {

    private final int status;
    private final List<Issue> issues;
    private final boolean quarantine;

    public FhirProblem(int status, List<Issue> issues, boolean quarantine) {
        super(issues.isEmpty() ? "HTTP " + status : issues.get(0).diagnostics(), null, false, false);
        this.status = status;
        this.issues = List.copyOf(issues);
        this.quarantine = quarantine;
    }

    /** Refused input: quarantined. */
    public static FhirProblem refused(int status, List<Issue> issues) {
        return new FhirProblem(status, issues, true);
    }

    /** Not about the input's content (unknown id, version conflict...): answered, not quarantined. */
    public static FhirProblem answer(int status, IssueType code, String diagnostics, String... expression) {
        return new FhirProblem(status, List.of(new Issue(code, diagnostics, List.of(expression))), false);
    }

    public int status() {
        return status;
    }

    public List<Issue> issues() {
        return issues;
    }

    public boolean quarantine() {
        return quarantine;
    }

    /** The reason told to the sender and kept with the quarantined input: every issue on one line. */
    public String reason() {
        return issues.stream()
                .map(issue -> (issue.expression().isEmpty() ? "" : String.join(", ", issue.expression()) + ": ")
                        + issue.diagnostics())
                .reduce((a, b) -> a + " | " + b).orElse("HTTP " + status);
    }

    /**
     * One OperationOutcome issue (severity error).
     *
     * @param expression FHIRPath expressions of the elements concerned, e.g. {@code ServiceRequest.subject}
     */
    public record Issue(IssueType code, String diagnostics, List<String> expression) {

        public Issue {
            expression = List.copyOf(expression);
        }

        public static Issue required(String diagnostics, String... expression) {
            return new Issue(IssueType.REQUIRED, diagnostics, List.of(expression));
        }

        public static Issue invalid(String diagnostics, String... expression) {
            return new Issue(IssueType.INVALID, diagnostics, List.of(expression));
        }
    }
}
