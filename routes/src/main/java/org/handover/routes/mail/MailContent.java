package org.handover.routes.mail;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A mail with a readable text and attachments, carried as the payload of an outbound message whose attribute
 * {@link #FORMAT_ATTRIBUTE} is {@link #FORMAT}. The message ledger's attributes column is short, so the attachments
 * travel in the payload; a message without the attribute is plain text, as before.
 *
 * @param text        the mail body, text/plain UTF-8
 * @param attachments files attached after the body, in order
 */
public record MailContent(String text, List<Attachment> attachments) {

    public static final String FORMAT_ATTRIBUTE = "mailFormat";
    public static final String FORMAT = "text+attachments";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public MailContent {
        Objects.requireNonNull(text, "text");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /**
     * One attached file. In the outbox payload its bytes are base64, so binary files (a PDF letter) travel too.
     *
     * @param content the file's bytes
     */
    public record Attachment(String fileName, String contentType, byte[] content) {

        public Attachment {
            if (fileName == null || !fileName.matches("[A-Za-z0-9._-]{1,100}")) {
                throw new IllegalArgumentException("An attachment's file name is 1-100 letters, digits, '.', '_' or '-'");
            }
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(content, "content");
        }

        /** A text file (a JSON or FHIR document), UTF-8. */
        public static Attachment text(String fileName, String contentType, String text) {
            return new Attachment(fileName, contentType, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    public String write() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write mail content", e);
        }
    }

    public static MailContent read(String payload) {
        try {
            return JSON.readValue(payload, MailContent.class);
        } catch (JsonProcessingException e) {
            // the parser's message may quote the body: keep only the type
            throw new IllegalArgumentException("The payload is not mail content with attachments ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
