package org.handover.sandbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.handover.domain.SyntheticData;
import org.handover.sandbox.ShortMessage.Direction;
import org.handover.sandbox.ShortMessage.State;

/** The JSON the sandbox API answers with, and how stored messages become it. */
final class SandboxViews {

    private static final int MAX_SHOWN_BODY = 1_000_000;

    private SandboxViews() {
    }

    record GpMailbox(String mailbox, String odsCode, String name, boolean trust, List<GpMessage> messages) {
    }

    /**
     * @param bodyEncoding {@code utf-8} when {@code body} is the text, {@code base64} when the body is binary
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GpMessage(String id, String type, String from, String to, String workflowId, String subject, String localId,
            String fileName, String contentType, Instant receivedAt, boolean acknowledged, Instant acknowledgedAt,
            String status, String statusCode, String statusDescription, String linkedMessageId, int bodyBytes,
            String bodyEncoding, String body) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CouncilMail(String id, String to, String council, String from, String subject, String messageId,
            Instant receivedAt, boolean duplicate, List<String> attachments, String body) {
    }

    record Phone(String number, Instant lastActivity, List<Text> texts, List<Reply> replies) {
    }

    /**
     * A text as the phone shows it: the parts of a concatenated message joined.
     *
     * @param receiptState NOT_REQUESTED, PENDING (owed to Handover), SENT (Handover took it) or FAILED
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Text(String id, List<String> messageIds, String from, String text, int dataCoding, Integer parts,
            int partsReceived, Instant receivedAt, boolean receiptRequested, String receiptStatus, String receiptState,
            Instant receiptSentAt, String clientReference) {
    }

    /** @param state QUEUED (waiting for Handover), DELIVERED (Handover took it) or FAILED */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Reply(String id, String to, String text, Instant sentAt, String state, Instant deliveredAt, int attempts,
            String lastError) {
    }

    static GpMessage gpMessage(MeshStore.WithBody stored) {
        MeshMessage m = stored.message();
        byte[] body = stored.body() == null ? new byte[0] : stored.body();
        String encoding = null;
        String shown = null;
        if (body.length > 0) {
            byte[] readable = gunzipIfCompressed(body);
            String text = utf8(readable);
            if (text != null) {
                encoding = "utf-8";
                shown = text.length() <= MAX_SHOWN_BODY ? text : text.substring(0, MAX_SHOWN_BODY);
            } else {
                encoding = "base64";
                shown = Base64.getEncoder().encodeToString(body);
            }
        }
        return new GpMessage(m.id(), m.type().name(), m.sender().isBlank() ? "MESH" : m.sender(), m.recipient(),
                m.workflowId(), m.subject(), m.localId(), m.fileName(), m.contentType(), m.receivedAt(),
                m.status() == MeshMessage.Status.ACKNOWLEDGED, m.acknowledgedAt(), m.status().name(), m.statusCode(),
                m.statusDescription(), m.linkedMessageId(), body.length, encoding, shown);
    }

    static CouncilMail councilMail(CouncilMailStore.Stored stored) {
        ReceivedMail mail = stored.mail();
        return new CouncilMail(mail.id(), mail.recipient(), councilOf(mail.recipient()), mail.from(), mail.subject(),
                mail.messageId(), mail.receivedAt(), stored.duplicate(), mail.attachments(), mail.body());
    }

    /** The sandbox council whose name appears in the address, e.g. LA-LEEDS for socialcare@leeds.gov.uk.invalid. */
    static String councilOf(String address) {
        String lower = address == null ? "" : address.toLowerCase(Locale.ROOT);
        return SyntheticData.COUNCILS.stream()
                .filter(code -> lower.contains(code.substring(code.indexOf('-') + 1).toLowerCase(Locale.ROOT)))
                .findFirst().orElse(null);
    }

    /** Groups short messages (newest first) by phone, most recently active phone first. */
    static List<Phone> phones(List<ShortMessage> newestFirst) {
        Map<String, List<ShortMessage>> byPhone = new LinkedHashMap<>();
        for (ShortMessage m : newestFirst) {
            byPhone.computeIfAbsent(m.phone(), phone -> new ArrayList<>()).add(m);
        }
        List<Phone> phones = new ArrayList<>();
        byPhone.forEach((number, messages) -> {
            List<Text> texts = texts(messages.stream().filter(m -> m.direction() == Direction.MT).toList());
            List<Reply> replies = messages.stream().filter(m -> m.direction() == Direction.MO)
                    .map(SandboxViews::reply).toList();
            phones.add(new Phone(number, messages.get(0).receivedAt(), texts, replies));
        });
        return phones;
    }

    private static List<Text> texts(List<ShortMessage> newestFirst) {
        Map<String, List<ShortMessage>> grouped = new LinkedHashMap<>();
        for (ShortMessage m : newestFirst) {
            String key = m.concatReference() == null ? "single:" + m.id() : "parts:" + m.concatReference();
            grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
        }
        List<Text> texts = new ArrayList<>();
        for (List<ShortMessage> group : grouped.values()) {
            List<ShortMessage> parts = group.stream()
                    .sorted(Comparator.comparing(m -> m.partNumber() == null ? 0 : m.partNumber())).toList();
            ShortMessage first = parts.get(0);
            StringBuilder text = new StringBuilder();
            parts.forEach(part -> text.append(part.text()));
            boolean requested = parts.stream().anyMatch(ShortMessage::receiptRequested);
            String receiptState = !requested ? "NOT_REQUESTED"
                    : parts.stream().anyMatch(p -> p.state() == State.FAILED) ? "FAILED"
                    : parts.stream().anyMatch(p -> p.state() == State.RECEIPT_PENDING) ? "PENDING" : "SENT";
            Instant receiptSentAt = "SENT".equals(receiptState) ? parts.stream().map(ShortMessage::forwardedAt)
                    .filter(at -> at != null).max(Comparator.naturalOrder()).orElse(null) : null;
            Instant receivedAt = parts.stream().map(ShortMessage::receivedAt).max(Comparator.naturalOrder())
                    .orElse(first.receivedAt());
            texts.add(new Text(first.id(), parts.stream().map(ShortMessage::id).toList(), first.shortCode(),
                    text.toString(), first.dataCoding(), first.partCount(), parts.size(), receivedAt, requested,
                    requested ? first.receiptStatus() : null, receiptState, receiptSentAt, first.clientReference()));
        }
        texts.sort(Comparator.comparing(Text::receivedAt).reversed());
        return texts;
    }

    private static Reply reply(ShortMessage m) {
        return new Reply(m.id(), m.shortCode(), m.text(), m.receivedAt(), m.state().name(), m.forwardedAt(),
                m.attempts(), m.lastError());
    }

    private static byte[] gunzipIfCompressed(byte[] body) {
        if (body.length < 2 || (body[0] & 0xFF) != 0x1F || (body[1] & 0xFF) != 0x8B) {
            return body;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readNBytes(MAX_SHOWN_BODY * 4);
        } catch (IOException e) {
            return body;
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
