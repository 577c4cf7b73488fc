package org.handover.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.handover.routes.delivery.Channel;
import org.handover.sandbox.Faults.Fault;
import org.handover.sandbox.MeshMailboxes.Mailbox;
import org.handover.sandbox.MeshPostOffice.Outgoing;
import org.handover.sandbox.MeshPostOffice.Sent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated MESH mailbox server (MESH API v1 as the NHS publishes it), at {@code /messageexchange}. Spring
 * Security lets these paths through; every call except endpoint lookup must carry a valid NHSMESH token, checked here.
 * Sends reach {@link #send} through {@link MeshOutboxFastPath}, ahead of Spring MVC.
 * Sends may be disturbed on purpose by a {@code gp} fault (see {@link Faults}).
 */
@SandboxOnly
@RestController
@RequestMapping("/messageexchange")
class MeshController {

    private static final Logger log = LoggerFactory.getLogger(MeshController.class);
    private static final int MAX_BODY_BYTES = 20 * 1024 * 1024;
    private static final int MAX_INBOX = 500;
    private static final DateTimeFormatter STATUS_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final MeshAuthenticator authenticator;
    private final MeshPostOffice postOffice;
    private final MeshStore store;
    private final MeshMailboxes mailboxes;
    private final Faults faults;

    MeshController(MeshAuthenticator authenticator, MeshPostOffice postOffice, MeshStore store,
            MeshMailboxes mailboxes, Faults faults) {
        this.authenticator = authenticator;
        this.postOffice = postOffice;
        this.store = store;
        this.mailboxes = mailboxes;
        this.faults = faults;
    }

    /** The daily handshake: proves the token and the mailbox. */
    @RequestMapping(path = "/{mailbox}", method = {RequestMethod.GET, RequestMethod.POST})
    Map<String, String> handshake(@PathVariable String mailbox,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        Mailbox me = authenticator.authenticate(mailbox, authorization);
        return Map.of("mailboxId", me.id());
    }

    @PostMapping("/{mailbox}/outbox")
    ResponseEntity<Map<String, String>> send(@PathVariable String mailbox,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            HttpServletRequest request) throws IOException {
        Mailbox sender = authenticator.authenticate(mailbox, authorization);
        String to = header(request, "Mex-To");
        if (to == null) {
            throw new MeshException(HttpStatus.EXPECTATION_FAILED, "SEND", "08",
                    "TO_DTS missing: the Mex-To header is required");
        }
        String workflowId = header(request, "Mex-WorkflowID");
        if (workflowId == null) {
            throw new MeshException(HttpStatus.EXPECTATION_FAILED, "SEND", "17",
                    "Workflow ID missing: the Mex-WorkflowID header is required");
        }
        String from = header(request, "Mex-From");
        if (from != null && !from.equalsIgnoreCase(sender.id())) {
            throw new MeshException(HttpStatus.EXPECTATION_FAILED, "SEND", "07",
                    "Invalid From Address: Mex-From must be the authenticated mailbox " + sender.id());
        }
        String chunkRange = header(request, "Mex-Chunk-Range");
        if (chunkRange != null && !chunkRange.replace(" ", "").equals("1:1")) {
            throw new MeshException(HttpStatus.EXPECTATION_FAILED, "SEND", "InvalidHeaderChunks",
                    "Chunked messages are not supported by the sandbox MESH: send the message in one piece");
        }
        byte[] body = readBody(request);
        if (body.length == 0) {
            throw new MeshException(HttpStatus.EXPECTATION_FAILED, "COLLECT", "02",
                    "Data file is missing or inaccessible.");
        }
        Optional<Fault> fault = faults.take(Channel.GP);
        if (fault.isPresent()) {
            failBeforeStoring(fault.get());
        }
        String localId = header(request, "Mex-LocalID");
        Outgoing outgoing = new Outgoing(to, workflowId, header(request, "Mex-Subject"), localId,
                header(request, "Mex-FileName"), request.getContentType(), header(request, HttpHeaders.CONTENT_ENCODING),
                header(request, "Mex-Content-Checksum"), yes(header(request, "Mex-Content-Compressed")),
                yes(header(request, "Mex-Content-Encrypted")));
        Sent sent = postOffice.send(sender, outgoing, body);
        if (fault.isPresent() && fault.get().mode() == Faults.Mode.HTTP_500_AFTER_STORE) {
            log.info("Sandbox fault: MESH message {} stored, answer replaced by HTTP 500", sent.messageId());
            throw new MeshException(HttpStatus.INTERNAL_SERVER_ERROR, "SEND", "500",
                    "Sandbox fault: internal server error (the message was stored)");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("messageID", sent.messageId()));
    }

    @GetMapping("/{mailbox}/inbox")
    Map<String, List<String>> inbox(@PathVariable String mailbox,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        Mailbox me = authenticator.authenticate(mailbox, authorization);
        return Map.of("messages", postOffice.inbox(me, MAX_INBOX));
    }

    @GetMapping("/{mailbox}/inbox/{messageId}")
    ResponseEntity<byte[]> download(@PathVariable String mailbox, @PathVariable String messageId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        Mailbox me = authenticator.authenticate(mailbox, authorization);
        MeshMessage message = receivedBy(me, messageId);
        HttpHeaders headers = mexHeaders(message);
        if (message.type() == MeshMessage.Type.REPORT) {
            return ResponseEntity.ok().headers(headers).body(new byte[0]);
        }
        String contentType = message.contentType() == null || message.contentType().isBlank()
                ? MediaType.APPLICATION_OCTET_STREAM_VALUE : message.contentType();
        headers.set(HttpHeaders.CONTENT_TYPE, contentType);
        return ResponseEntity.ok().headers(headers).body(store.body(message.id()));
    }

    @PutMapping("/{mailbox}/inbox/{messageId}/status/acknowledged")
    Map<String, String> acknowledge(@PathVariable String mailbox, @PathVariable String messageId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        Mailbox me = authenticator.authenticate(mailbox, authorization);
        MeshMessage message = receivedBy(me, messageId);
        postOffice.acknowledge(me, message);
        return Map.of("messageId", message.id());
    }

    /** Where a message this mailbox sent has got to, by {@code messageID} or by {@code localID}. */
    @GetMapping("/{mailbox}/outbox/tracking")
    Map<String, Object> tracking(@PathVariable String mailbox,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam(name = "messageID", required = false) String messageId,
            @RequestParam(name = "localID", required = false) String localId) {
        Mailbox me = authenticator.authenticate(mailbox, authorization);
        Optional<MeshMessage> found;
        if (messageId != null && !messageId.isBlank()) {
            found = store.find(messageId.strip().toUpperCase(Locale.ROOT));
        } else if (localId != null && !localId.isBlank()) {
            found = store.findSentByLocalId(me.id(), localId.strip());
        } else {
            throw new MeshException(HttpStatus.BAD_REQUEST, "TRACK", "400", "messageID or localID is required");
        }
        MeshMessage message = found.filter(m -> m.type() == MeshMessage.Type.DATA && m.sender().equals(me.id()))
                .orElseThrow(() -> new MeshException(HttpStatus.NOT_FOUND, "TRACK", "20", "Message does not exist"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("messageId", message.id());
        answer.put("localId", message.localId());
        answer.put("messageType", message.type().name());
        answer.put("sender", message.sender());
        answer.put("recipient", message.recipient());
        answer.put("workflowId", message.workflowId());
        answer.put("subject", message.subject());
        answer.put("fileName", message.fileName());
        answer.put("status", switch (message.status()) {
            case ACCEPTED -> "Accepted";
            case ACKNOWLEDGED -> "Acknowledged";
            case UNDELIVERABLE -> "Undeliverable";
        });
        answer.put("statusCode", message.statusCode());
        answer.put("statusEvent", message.statusEvent());
        answer.put("statusDescription", message.statusDescription());
        answer.put("statusSuccess", message.status() == MeshMessage.Status.UNDELIVERABLE ? "ERROR" : "SUCCESS");
        answer.put("uploadTimestamp", STATUS_TIME.format(message.receivedAt()));
        answer.put("downloadTimestamp",
                message.acknowledgedAt() == null ? null : STATUS_TIME.format(message.acknowledgedAt()));
        answer.values().removeIf(value -> value == null);
        return answer;
    }

    /** Finds an organisation's mailbox for a workflow. Needs no token (real MESH relies on the TLS client cert). */
    @GetMapping("/endpointlookup/{odsCode}/{workflowId}")
    Map<String, Object> endpointLookup(@PathVariable String odsCode, @PathVariable String workflowId) {
        if (faults.takeLookup().isPresent()) {
            throw new MeshException(HttpStatus.SERVICE_UNAVAILABLE, "LOOKUP", "503",
                    "Sandbox fault: service unavailable");
        }
        List<Map<String, String>> results = mailboxes.lookup(odsCode, workflowId).stream()
                .map(mailbox -> Map.of("address", mailbox.id(), "description", mailbox.name(), "endpoint_type", "MESH"))
                .toList();
        return Map.of("query_id", UUID.randomUUID().toString().replace("-", ""), "results", results);
    }

    @ExceptionHandler(MeshException.class)
    ResponseEntity<MeshError> meshError(MeshException e) {
        if (e.status().is5xxServerError()) {
            log.debug("MESH answered {}: {}", e.status().value(), e.getMessage());
        } else {
            log.info("MESH refused a request with {}: {}", e.status().value(), e.getMessage());
        }
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON).body(e.error());
    }

    private MeshMessage receivedBy(Mailbox me, String messageId) {
        MeshMessage message = store.find(messageId.strip().toUpperCase(Locale.ROOT))
                .orElseThrow(() -> new MeshException(HttpStatus.NOT_FOUND, "RECEIVE", "20", "Message does not exist"));
        if (!message.recipient().equals(me.id())) {
            throw new MeshException(HttpStatus.FORBIDDEN, "RECEIVE", "403",
                    "Message " + message.id() + " is not addressed to mailbox " + me.id());
        }
        return message;
    }

    private void failBeforeStoring(Fault fault) {
        switch (fault.mode()) {
            case HTTP_500 -> throw new MeshException(HttpStatus.INTERNAL_SERVER_ERROR, "SEND", "500",
                    "Sandbox fault: internal server error");
            case HTTP_503 -> throw new MeshException(HttpStatus.SERVICE_UNAVAILABLE, "SEND", "503",
                    "Sandbox fault: service unavailable");
            case HTTP_400 -> throw new MeshException(HttpStatus.BAD_REQUEST, "SEND", "400",
                    "Sandbox fault: bad request");
            case HANG -> {
                log.info("Sandbox fault: holding a MESH send for {}", fault.hangTime());
                Faults.hang(fault);
            }
            case NO_ANSWER -> {
                log.info("Sandbox fault: holding a MESH send for {}, then dropping it", fault.hangTime());
                Faults.hang(fault);
                throw new MeshException(HttpStatus.GATEWAY_TIMEOUT, "SEND", "504",
                        "Sandbox fault: no answer (the message was not stored)");
            }
            default -> {
                // HTTP_500_AFTER_STORE acts after storing.
            }
        }
    }

    private static HttpHeaders mexHeaders(MeshMessage message) {
        HttpHeaders headers = new HttpHeaders();
        set(headers, "Mex-MessageID", message.id());
        set(headers, "Mex-MessageType", message.type().name());
        set(headers, "Mex-From", message.sender());
        set(headers, "Mex-To", message.recipient());
        set(headers, "Mex-WorkflowID", message.workflowId());
        set(headers, "Mex-Subject", message.subject());
        set(headers, "Mex-LocalID", message.localId());
        set(headers, "Mex-AddressType", "ALL");
        set(headers, "Mex-Version", "1.0");
        set(headers, "Mex-StatusTimestamp", STATUS_TIME.format(message.receivedAt()));
        set(headers, "Mex-StatusCode", message.statusCode());
        set(headers, "Mex-StatusEvent", message.statusEvent());
        set(headers, "Mex-StatusDescription", message.statusDescription());
        if (message.type() == MeshMessage.Type.REPORT) {
            set(headers, "Mex-StatusSuccess", "ERROR");
            set(headers, "Mex-LinkedMsgID", message.linkedMessageId());
        } else {
            set(headers, "Mex-StatusSuccess", "SUCCESS");
            set(headers, "Mex-Chunk-Range", "1:1");
            set(headers, "Mex-FileName", message.fileName() == null ? message.id() + ".dat" : message.fileName());
            set(headers, "Mex-Content-Checksum", message.contentChecksum());
            set(headers, "Mex-Content-Compressed", message.compressed() ? "Y" : null);
            set(headers, "Mex-Content-Encrypted", message.encrypted() ? "Y" : null);
            set(headers, HttpHeaders.CONTENT_ENCODING, message.contentEncoding());
        }
        return headers;
    }

    private static void set(HttpHeaders headers, String name, String value) {
        if (value != null && !value.isBlank()) {
            headers.set(name, value);
        }
    }

    private static String header(HttpServletRequest request, String name) {
        String value = request.getHeader(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static boolean yes(String flag) {
        return flag != null && (flag.equalsIgnoreCase("Y") || flag.equalsIgnoreCase("true"));
    }

    private static byte[] readBody(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new MeshException(HttpStatus.PAYLOAD_TOO_LARGE, "SEND", "413",
                        "The sandbox MESH takes messages up to " + MAX_BODY_BYTES / (1024 * 1024) + " MB");
            }
            return body;
        }
    }
}
