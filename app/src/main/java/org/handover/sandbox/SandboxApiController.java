package org.handover.sandbox;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.handover.sandbox.MeshMailboxes.Mailbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the outside world received, and the patient's side of the conversation, for the sandbox page and for tests:
 * {@code /sandbox/api}. Any signed-in user may call it (HTTP Basic, enforced by the application's security set-up).
 * Lists are newest first.
 */
@SandboxOnly
@RestController
@RequestMapping("/sandbox/api")
class SandboxApiController {

    private static final Logger log = LoggerFactory.getLogger(SandboxApiController.class);
    private static final int MAX_LIMIT = 1_000;

    /** A patient's reply; {@code from} is needed only on {@code /sandbox/api/replies}. */
    record ReplyRequest(String from, String text) {
    }

    record ReplyAccepted(String id, String from, String state, boolean receiverBound) {
    }

    /**
     * @param count       how many requests the fault hits; leave out to fail until cleared with mode none
     * @param hangSeconds for modes hang and no-answer: how long each request is held
     * @param forSeconds  how long the fault lasts; leave out to fail until cleared (or counted out)
     */
    record FaultRequest(String channel, String mode, Integer count, Integer hangSeconds, Integer forSeconds) {
    }

    record FaultView(String channel, String mode, Integer remaining, Long hangSeconds, String since, String until) {
    }

    private final MeshMailboxes mailboxes;
    private final MeshStore meshStore;
    private final MeshPostOffice postOffice;
    private final CouncilMailStore mailStore;
    private final SmsStore smsStore;
    private final MessageCentre messageCentre;
    private final PatientPhones phones;
    private final Faults faults;
    private final GpItkResponder gpResponder;

    SandboxApiController(MeshMailboxes mailboxes, MeshStore meshStore, MeshPostOffice postOffice,
            CouncilMailStore mailStore, SmsStore smsStore, MessageCentre messageCentre, PatientPhones phones,
            Faults faults, GpItkResponder gpResponder) {
        this.mailboxes = mailboxes;
        this.meshStore = meshStore;
        this.postOffice = postOffice;
        this.mailStore = mailStore;
        this.smsStore = smsStore;
        this.messageCentre = messageCentre;
        this.phones = phones;
        this.faults = faults;
        this.gpResponder = gpResponder;
    }

    /** Every MESH mailbox (the trust's first, then the GP practices') with its messages, newest first. */
    @GetMapping("/gp-mailboxes")
    List<SandboxViews.GpMailbox> gpMailboxes(@RequestParam(defaultValue = "50") int limit) {
        int max = limit(limit);
        return mailboxes.all().stream()
                .map(mailbox -> new SandboxViews.GpMailbox(mailbox.id(), mailbox.odsCode(), mailbox.name(),
                        mailbox.trust(), meshStore.recentFor(mailbox.id(), max).stream()
                                .map(SandboxViews::gpMessage).toList()))
                .toList();
    }

    /** Acknowledges a message as the practice's GP system would after downloading it. */
    @PostMapping("/gp-mailboxes/{mailbox}/messages/{messageId}/acknowledge")
    Map<String, Object> acknowledgeAsGp(@PathVariable String mailbox, @PathVariable String messageId) {
        Mailbox owner = mailboxes.find(mailbox)
                .orElseThrow(() -> new IllegalArgumentException("unknown mailbox '" + mailbox + "'"));
        MeshMessage message = meshStore.find(messageId.strip())
                .filter(m -> m.recipient().equals(owner.id()))
                .orElseThrow(() -> new NotFound("no message " + messageId + " in mailbox " + owner.id()));
        boolean changed = postOffice.acknowledge(owner, message);
        return Map.of("id", message.id(), "acknowledged", true, "changed", changed);
    }

    /**
     * The practice's GP system answers an ITK3 message it received with an ITK008M response over MESH: body like
     * {@code {"type":"business","positive":true}} (type {@code business} or {@code infrastructure}; optional
     * {@code code} and {@code text}, the ITK3 response code and its text).
     */
    @PostMapping("/gp-mailboxes/{mailbox}/messages/{messageId}/itk-response")
    ResponseEntity<Map<String, Object>> itkResponse(@PathVariable String mailbox, @PathVariable String messageId,
            @RequestBody(required = false) ItkResponseRequest request) {
        if (request == null || request.positive() == null
                || !("business".equals(request.type()) || "infrastructure".equals(request.type()))) {
            throw new IllegalArgumentException("send JSON like {\"type\":\"business\",\"positive\":true}: type "
                    + "business or infrastructure, positive true or false");
        }
        Mailbox practice = gpResponder.practice(mailbox);
        MeshMessage original = meshStore.find(messageId.strip())
                .filter(m -> m.recipient().equals(practice.id()))
                .orElseThrow(() -> new NotFound("no message " + messageId + " in mailbox " + practice.id()));
        String responseId = gpResponder.respond(practice, original, new GpItkResponder.Answer(
                "business".equals(request.type()), request.positive(), request.code(), request.text()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("responseMeshMessageId", responseId,
                "to", original.sender()));
    }

    record ItkResponseRequest(String type, Boolean positive, String code, String text) {
    }

    @GetMapping("/council-mail")
    List<SandboxViews.CouncilMail> councilMail(@RequestParam(defaultValue = "100") int limit) {
        return mailStore.recent(limit(limit)).stream().map(SandboxViews::councilMail).toList();
    }

    /** An attached file of a council mail, as the council would open it (e.g. the structured discharge notice). */
    @GetMapping("/council-mail/{id}/attachments/{fileName}")
    ResponseEntity<byte[]> councilMailAttachment(@PathVariable String id, @PathVariable String fileName)
            throws Exception {
        byte[] raw = mailStore.raw(id);
        if (raw == null) {
            throw new NotFound("no council mail " + id);
        }
        ReceivedMail.AttachedFile file = ReceivedMail.attachment(raw, fileName)
                .orElseThrow(() -> new NotFound("no attachment " + fileName + " in council mail " + id));
        return ResponseEntity.ok().header("Content-Type", file.contentType()).body(file.content());
    }

    /**
     * Each phone with the texts it received (delivery receipts included) and the replies sent from it, built from the
     * {@code limit} most recent short messages.
     */
    @GetMapping("/phones")
    List<SandboxViews.Phone> phones(@RequestParam(defaultValue = "1000") int limit) {
        return SandboxViews.phones(smsStore.recent(limit(limit)));
    }

    @PostMapping("/replies")
    ResponseEntity<ReplyAccepted> reply(@RequestBody(required = false) ReplyRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("send JSON like {\"from\":\"+447700900123\",\"text\":\"2\"}");
        }
        return queueReply(request.from(), request.text());
    }

    @PostMapping("/phones/{number}/replies")
    ResponseEntity<ReplyAccepted> replyFrom(@PathVariable String number,
            @RequestBody(required = false) ReplyRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("send JSON like {\"text\":\"2\"}");
        }
        if (request.from() != null && !request.from().isBlank()
                && !PhoneNumbers.normalise(request.from()).equals(PhoneNumbers.normalise(number))) {
            throw new IllegalArgumentException("'from' in the body differs from the number in the path");
        }
        return queueReply(number, request.text());
    }

    @GetMapping("/faults")
    List<FaultView> faults() {
        return faults.current().stream().map(SandboxApiController::view).toList();
    }

    @PostMapping("/faults")
    List<FaultView> setFault(@RequestBody(required = false) FaultRequest request) {
        if (request == null) {
            throw new IllegalArgumentException(
                    "send JSON like {\"channel\":\"gp\",\"mode\":\"http-500\",\"count\":3}");
        }
        faults.set(request.channel(), request.mode(), request.count(), request.hangSeconds(), request.forSeconds());
        return faults();
    }

    @GetMapping("/summary")
    Map<String, Object> summary() {
        MeshStore.Counts mesh = meshStore.counts();
        SmsStore.Counts sms = smsStore.counts();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("gpMessages", mesh.delivered());
        summary.put("gpMessagesUnacknowledged", mesh.unacknowledged());
        summary.put("meshUndeliverable", mesh.undeliverable());
        summary.put("meshReports", mesh.reports());
        summary.put("councilMails", mailStore.count());
        summary.put("councilMailDuplicates", mailStore.duplicates());
        summary.put("textsReceived", sms.textsReceived());
        summary.put("repliesSent", sms.repliesSent());
        summary.put("repliesQueued", sms.repliesQueued());
        summary.put("receiptsPending", sms.receiptsPending());
        summary.put("smsFailed", sms.failed());
        summary.put("smppSessions", messageCentre.boundSessions().stream()
                .map(bound -> Map.of("systemId", bound.systemId(), "bindType", bound.bindType().name(),
                        "boundAt", bound.boundAt().toString()))
                .toList());
        summary.put("faults", faults());
        return summary;
    }

    /** Forgets everything received and every fault: a clean outside world. */
    @PostMapping("/reset")
    ResponseEntity<Void> reset() {
        meshStore.deleteAll();
        mailStore.deleteAll();
        smsStore.deleteAll();
        faults.clearAll();
        log.info("Sandbox simulators reset: received messages and faults cleared");
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<ReplyAccepted> queueReply(String from, String text) {
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("'from' is required: the patient's mobile number, e.g. +447700900123");
        }
        String phone = PhoneNumbers.normalise(from).orElseThrow(() -> new IllegalArgumentException(
                "'from' is not a mobile number: use the international form +447700900123 or the UK form 07700 900123"));
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("'text' is required: what the patient replies, e.g. \"2\"");
        }
        if (text.length() > MessageCentre.MAX_REPLY_LENGTH) {
            throw new IllegalArgumentException("'text' is " + text.length() + " characters; at most "
                    + MessageCentre.MAX_REPLY_LENGTH + " are taken");
        }
        String id = phones.reply(phone, text);
        boolean receiverBound = phones.handoverListening();
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/sandbox/api/phones"))
                .body(new ReplyAccepted(id, phone, "QUEUED", receiverBound));
    }

    private static FaultView view(Faults.Fault fault) {
        return new FaultView(fault.channel().id(), fault.mode().id(), fault.remaining(),
                fault.mode() == Faults.Mode.HANG || fault.mode() == Faults.Mode.NO_ANSWER ? fault.hangTime().toSeconds()
                        : null, fault.since().toString(), fault.until() == null ? null : fault.until().toString());
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    /** A 404 with a message. */
    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }
}
