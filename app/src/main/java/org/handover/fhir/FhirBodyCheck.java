package org.handover.fhir;

import java.util.List;
import java.util.Optional;
import org.handover.fhir.FhirProblem.Issue;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * The first check of a FHIR intake endpoint: a body in a media type it cannot read is refused with 415, one larger
 * than it accepts with 413, each with an OperationOutcome the sender can act on.
 *
 * @param resourceType   the resource the endpoint takes, e.g. "Encounter"
 * @param typesNote      said after the media types, e.g. " (application/json also does)", or ""
 * @param maxChars       the largest body accepted
 * @param sizeNote       said after the size limit, e.g. ": send large documents as URLs", or ""
 * @param sizeExpression the FHIRPath the size refusal points at
 */
public record FhirBodyCheck(String resourceType, String typesNote, int maxChars, String sizeNote,
        String sizeExpression) {

    public String checked(String body, Optional<FhirFormat> format) {
        if (format.isEmpty()) {
            throw FhirProblem.refused(415, List.of(new Issue(IssueType.NOTSUPPORTED, "Send the " + resourceType
                    + " as application/fhir+json or application/fhir+xml" + typesNote, List.of(resourceType))));
        }
        if (body != null && body.length() > maxChars) {
            throw FhirProblem.refused(413, List.of(new Issue(IssueType.TOOCOSTLY, "The " + resourceType
                    + " is larger than " + maxChars + " characters" + sizeNote, List.of(sizeExpression))));
        }
        return body;
    }
}
