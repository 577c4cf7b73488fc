package org.handover.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * A mail as one council recipient received it.
 *
 * @param messageId   the {@code Message-ID} header: the sender's idempotency key
 * @param recipient   the envelope recipient (RCPT TO)
 * @param body        the text of the mail (text/plain preferred, else the HTML source)
 * @param attachments file names of attached parts
 */
record ReceivedMail(
        String id,
        String messageId,
        String from,
        String recipient,
        String subject,
        String body,
        List<String> attachments,
        Instant receivedAt) {

    ReceivedMail {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    static ReceivedMail of(String id, MimeMessage mime, String envelopeFrom, String recipient, Instant receivedAt)
            throws MessagingException, IOException {
        Address[] from = mime.getFrom();
        String sender = from == null || from.length == 0 ? envelopeFrom : InternetAddress.toUnicodeString(from);
        List<String> attachments = new ArrayList<>();
        String body = text(mime, attachments);
        return new ReceivedMail(id, mime.getMessageID(), sender, recipient, mime.getSubject(), body, attachments,
                receivedAt);
    }

    static byte[] raw(MimeMessage mime) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mime.writeTo(out);
        return out.toByteArray();
    }

    /** The readable text of a part, collecting attachment names on the way; null when there is none. */
    private static String text(Part part, List<String> attachments) throws MessagingException, IOException {
        if (isAttachment(part)) {
            attachments.add(part.getFileName() == null ? "(unnamed " + part.getContentType() + ")" : part.getFileName());
            return null;
        }
        if (part.isMimeType("text/plain") || part.isMimeType("text/html")) {
            Object content = part.getContent();
            return content instanceof String text ? text : null;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            boolean alternative = part.isMimeType("multipart/alternative");
            String plain = null;
            String other = null;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String text = text(child, attachments);
                if (text == null) {
                    continue;
                }
                if (child.isMimeType("text/plain") && plain == null) {
                    plain = text;
                } else if (other == null) {
                    other = text;
                }
                if (alternative && plain != null) {
                    break;
                }
            }
            return plain != null ? plain : other;
        }
        return null;
    }

    /** An attached file of a raw mail, by file name: its content type and bytes. */
    record AttachedFile(String contentType, byte[] content) {
    }

    static java.util.Optional<AttachedFile> attachment(byte[] raw, String fileName) throws MessagingException, IOException {
        MimeMessage mime = new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(raw));
        return find(mime, fileName);
    }

    private static java.util.Optional<AttachedFile> find(Part part, String fileName) throws MessagingException, IOException {
        if (isAttachment(part) && fileName.equals(part.getFileName())) {
            String type = part.getContentType() == null ? "application/octet-stream"
                    : part.getContentType().split(";")[0].strip();
            try (java.io.InputStream in = part.getInputStream()) {
                return java.util.Optional.of(new AttachedFile(type, in.readAllBytes()));
            }
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                java.util.Optional<AttachedFile> found = find(multipart.getBodyPart(i), fileName);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static boolean isAttachment(Part part) throws MessagingException {
        return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
                || (part.getFileName() != null && !part.isMimeType("multipart/*"));
    }
}
