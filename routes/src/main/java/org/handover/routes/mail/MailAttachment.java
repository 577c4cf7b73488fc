package org.handover.routes.mail;

import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.handover.routes.delivery.OutboundMessage;

/**
 * One file attached to a council mail (e.g. a letter as PDF). The outbox carries text payloads, so the file travels
 * base64-encoded after the mail's text, behind a separator line; the attributes name the file and its type.
 */
public record MailAttachment(String fileName, String contentType, byte[] content) {

    /** Attribute: the attachment's file name; its presence says the payload carries an attachment. */
    public static final String FILE_NAME = "attachmentFileName";
    /** Attribute: the attachment's MIME type. */
    public static final String CONTENT_TYPE = "attachmentContentType";
    static final String SEPARATOR = "\n--handover-attachment-base64--\n";

    /** The outbox payload: the mail's text, the separator, the file in base64. */
    public static String payload(String text, byte[] content) {
        return text + SEPARATOR + Base64.getEncoder().encodeToString(content);
    }

    /** The attributes naming the attachment, to add to the message's own. */
    public static Map<String, String> attributes(String fileName, String contentType) {
        return Map.of(FILE_NAME, fileName, CONTENT_TYPE, contentType);
    }

    /** The mail's text without the attachment. */
    static String text(OutboundMessage message) {
        String payload = message.payload() == null ? "" : message.payload();
        int at = payload.lastIndexOf(SEPARATOR);
        return message.attributes().containsKey(FILE_NAME) && at >= 0 ? payload.substring(0, at) : payload;
    }

    static Optional<MailAttachment> of(OutboundMessage message) {
        String fileName = message.attributes().get(FILE_NAME);
        String payload = message.payload() == null ? "" : message.payload();
        int at = payload.lastIndexOf(SEPARATOR);
        if (fileName == null || at < 0) {
            return Optional.empty();
        }
        byte[] content = Base64.getMimeDecoder().decode(payload.substring(at + SEPARATOR.length()));
        return Optional.of(new MailAttachment(fileName,
                message.attribute(CONTENT_TYPE, "application/octet-stream"), content));
    }
}
