package org.handover.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.MediaType;

/** The two FHIR encodings the endpoint speaks, chosen by Content-Type, Accept or {@code _format}. */
public enum FhirFormat {
    JSON(MediaType.parseMediaType("application/fhir+json;charset=UTF-8")),
    XML(MediaType.parseMediaType("application/fhir+xml;charset=UTF-8"));

    private final MediaType mediaType;

    FhirFormat(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    public MediaType mediaType() {
        return mediaType;
    }

    public IParser parser(FhirContext context) {
        return this == JSON ? context.newJsonParser() : context.newXmlParser();
    }

    /**
     * The encoding of a request body: application/fhir+json or application/json, application/fhir+xml,
     * application/xml or text/xml. Without a Content-Type (or text/plain) the body's first character decides.
     * Empty for anything else (415).
     */
    public static Optional<FhirFormat> ofBody(String contentType, String body) {
        if (contentType == null || contentType.isBlank() || contentType.toLowerCase(Locale.ROOT).startsWith("text/plain")) {
            String start = body == null ? "" : body.stripLeading();
            return Optional.of(start.startsWith("<") ? XML : JSON);
        }
        return named(contentType);
    }

    /**
     * The encoding of the answer: {@code _format} first (json, xml or a media type), then the Accept header, then the
     * fallback (the request's own encoding, or JSON). Unknown values are tolerated and fall through.
     */
    public static FhirFormat forAnswer(String formatParameter, String accept, FhirFormat fallback) {
        if (formatParameter != null && !formatParameter.isBlank()) {
            Optional<FhirFormat> chosen = named(formatParameter);
            if (chosen.isPresent()) {
                return chosen.get();
            }
        }
        if (accept != null && !accept.isBlank()) {
            try {
                for (MediaType type : MediaType.parseMediaTypes(accept)) {
                    Optional<FhirFormat> chosen = named(type.getType() + "/" + type.getSubtype());
                    if (chosen.isPresent()) {
                        return chosen.get();
                    }
                }
            } catch (RuntimeException unparseable) {
                // tolerated: answer in the fallback encoding
            }
        }
        return fallback == null ? JSON : fallback;
    }

    private static Optional<FhirFormat> named(String text) {
        String value = text.toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
        return switch (value) {
            case "json", "application/fhir+json", "application/json", "application/json+fhir" -> Optional.of(JSON);
            case "xml", "application/fhir+xml", "application/xml", "text/xml", "application/xml+fhir" -> Optional.of(XML);
            default -> Optional.empty();
        };
    }
}
