package org.handover.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue;
import java.util.ArrayList;
import java.util.List;
import org.handover.domain.Masking;
import org.handover.fhir.FhirProblem.Issue;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Strict parsing for every FHIR intake: unknown elements, bad values and dangling {@code #id} references are refused
 * (400) with every problem and its FHIRPath, instead of HAPI's first complaint or its lenient silence.
 */
public final class StrictFhirParser {

    private final FhirContext context;

    public StrictFhirParser(FhirContext context) {
        this.context = context;
    }

    public <T extends IBaseResource> T parse(Class<T> type, String body, FhirFormat format) {
        String name = context.getResourceType(type);
        if (body == null || body.isBlank()) {
            throw FhirProblem.refused(400, List.of(Issue.required(
                    "The request has no body: send a FHIR R4 " + name, name)));
        }
        FhirPaths paths = new FhirPaths(context, format, body);
        CollectingErrorHandler errors = new CollectingErrorHandler(paths, name);
        IParser parser = format.parser(context).setParserErrorHandler(errors);
        T resource;
        try {
            resource = parser.parseResource(type, body);
        } catch (DataFormatException e) {
            throw FhirProblem.refused(400, List.of(new Issue(IssueType.INVALID,
                    "Not a readable FHIR R4 " + name + " in " + format.name() + ": " + withoutCode(e.getMessage()),
                    List.of(name))));
        }
        List<Issue> issues = errors.issues();
        if (!issues.isEmpty()) {
            throw FhirProblem.refused(400, issues);
        }
        return resource;
    }

    /** HAPI's message without its "HAPI-1234: " code, NHS numbers masked. */
    public static String withoutCode(String message) {
        String text = message == null ? "" : message.replaceAll("HAPI-\\d+: ", "");
        return Masking.maskNhsNumbers(text);
    }

/** Turns HAPI's parser complaints into issues with paths, instead of stopping at the first. */
private static final class CollectingErrorHandler implements IParserErrorHandler {

    private final FhirPaths paths;
    private final String resourceType;
    private final List<Issue> issues = new ArrayList<>();
    private boolean structureChecked;

    CollectingErrorHandler(FhirPaths paths, String resourceType) {
        this.paths = paths;
        this.resourceType = resourceType;
    }

    List<Issue> issues() {
        return issues;
    }

    private void structure(String name) {
        if (!structureChecked) {
            structureChecked = true;
            for (FhirPaths.Finding finding : paths.structuralFindings()) {
                issues.add(new Issue(IssueType.INVALID, finding.problem(), List.of(finding.path())));
            }
        }
        if (issues.stream().noneMatch(i -> i.diagnostics().contains("'" + name + "'"))) {
            issues.add(new Issue(IssueType.INVALID, "Unknown or misplaced element '" + name + "'", List.of(resourceType)));
        }
    }

    private void at(String elementName, String value, IssueType type, String diagnostics, String fallback) {
        List<String> where = elementName == null || value == null ? List.of() : paths.pathsOf(elementName, value);
        issues.add(new Issue(type, Masking.maskNhsNumbers(diagnostics), where.isEmpty() ? List.of(fallback) : where));
    }

    private static String parent(IParseLocation location) {
        return location == null ? null : location.getParentElementName();
    }

    @Override
    public void unknownElement(IParseLocation location, String elementName) {
        structure(elementName);
    }

    @Override
    public void unknownAttribute(IParseLocation location, String attributeName) {
        issues.add(new Issue(IssueType.INVALID, "Unknown attribute '" + attributeName + "'",
                List.of(parent(location) == null ? resourceType : resourceType + "." + parent(location))));
    }

    @Override
    public void unexpectedRepeatingElement(IParseLocation location, String elementName) {
        structure(elementName);
    }

    @Override
    public void incorrectJsonType(IParseLocation location, String elementName, BaseJsonLikeValue.ValueType expected,
            BaseJsonLikeValue.ScalarType expectedScalar, BaseJsonLikeValue.ValueType found,
            BaseJsonLikeValue.ScalarType foundScalar) {
        structure(elementName);
    }

    @Override
    public void invalidValue(IParseLocation location, String value, String error) {
        at(parent(location), value, IssueType.INVALID, withoutCode(error),
                parent(location) == null ? resourceType : resourceType + "." + parent(location));
    }

    @Override
    public void missingRequiredElement(IParseLocation location, String elementName) {
        issues.add(Issue.required("Required element '" + elementName + "' is missing",
                parent(location) == null ? resourceType : resourceType + "." + parent(location)));
    }

    @Override
    public void containedResourceWithNoId(IParseLocation location) {
        issues.add(Issue.required("A contained resource has no id: give each an id and refer to it as #id",
                resourceType + ".contained"));
    }

    @Override
    public void unknownReference(IParseLocation location, String reference) {
        at("reference", reference, IssueType.INVALID, "Reference '" + reference
                + "' points at no contained resource", resourceType);
    }

    @Override
    public void invalidInternalReference(IParseLocation location, String reference) {
        unknownReference(location, reference);
    }

    @Override
    public void extensionContainsValueAndNestedExtensions(IParseLocation location) {
        issues.add(Issue.invalid("An extension has both a value and nested extensions",
                parent(location) == null ? resourceType : resourceType + "." + parent(location)));
    }
}
}
