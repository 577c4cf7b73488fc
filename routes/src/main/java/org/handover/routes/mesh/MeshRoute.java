package org.handover.routes.mesh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.Message;
import org.apache.camel.model.ProcessorDefinition;
import org.handover.routes.DeliveryRouteBuilder;
import org.handover.routes.delivery.Channel;
import org.handover.routes.delivery.DeliveryAttempts;
import org.handover.routes.delivery.OutboundMessage;

/**
 * Delivers GP messages by MESH: {@code POST {mesh.url}/messageexchange/{mailbox}/outbox}, one message per call, no
 * chunking. The message id travels as {@code Mex-LocalID} (the idempotency key); MESH's {@code messageID} from the
 * 202 answer is the remote id.
 */
public final class MeshRoute extends DeliveryRouteBuilder {

    public static final String ROUTE_ID = "mesh-delivery";
    /** Optional attribute: the {@code Mex-FileName}; default {@code <message id>.json}. */
    public static final String FILE_NAME = "meshFileName";
    /** Optional attribute: the {@code Content-Type}; default {@value #DEFAULT_CONTENT_TYPE}. */
    public static final String CONTENT_TYPE = "contentType";
    public static final String DEFAULT_CONTENT_TYPE = "application/fhir+json";

    static final String OUTBOX_URI = "{{handover.mesh.url}}/messageexchange/{{handover.mesh.mailbox-id}}/outbox"
            + "?httpMethod=POST&throwExceptionOnFailure=true";

    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;

    public MeshRoute(DeliveryAttempts attempts) {
        this(attempts, Clock.systemUTC());
    }

    public MeshRoute(DeliveryAttempts attempts, Clock clock) {
        super(Channel.GP, attempts);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String routeId() {
        return ROUTE_ID;
    }

    @Override
    protected void deliver(ProcessorDefinition<?> route) {
        // Apache HttpClient would silently resend a request answered 503 with the same token; MESH refuses a reused
        // token, and the ledger schedules retries itself.
        getContext().getComponent("http", HttpComponent.class).setAutomaticRetriesDisabled(true);
        String mailboxId = setting("handover.mesh.mailbox-id");
        MeshAuthToken tokens = new MeshAuthToken(mailboxId, setting("handover.mesh.password"),
                setting("handover.mesh.shared-key"), clock);
        route.process(exchange -> prepareRequest(exchange, mailboxId, tokens))
                .to(OUTBOX_URI)
                .process(this::readMessageId);
    }

    private static void prepareRequest(Exchange exchange, String mailboxId, MeshAuthToken tokens) {
        OutboundMessage message = message(exchange);
        String workflowId = message.attribute(OutboundMessage.MESH_WORKFLOW_ID, "");
        if (workflowId.isBlank()) {
            throw new IllegalArgumentException("attribute " + OutboundMessage.MESH_WORKFLOW_ID + " missing");
        }
        String payload = message.payload() == null ? "" : message.payload();
        Message in = exchange.getIn();
        in.setHeader(Exchange.HTTP_METHOD, "POST");
        in.setHeader("Authorization", tokens.next());
        in.setHeader("Mex-From", mailboxId);
        in.setHeader("Mex-To", message.recipient());
        in.setHeader("Mex-WorkflowID", workflowId);
        String subject = message.attribute(OutboundMessage.SUBJECT, "");
        if (!subject.isBlank()) {
            in.setHeader("Mex-Subject", subject);
        }
        in.setHeader("Mex-LocalID", message.id());
        in.setHeader("Mex-FileName", message.attribute(FILE_NAME, message.id() + ".json"));
        in.setHeader("Mex-Content-Checksum", checksum(payload));
        in.setHeader("Mex-ClientVersion", "Handover");
        in.setHeader(Exchange.CONTENT_TYPE, message.attribute(CONTENT_TYPE, DEFAULT_CONTENT_TYPE));
        in.setHeader("Accept", "application/json");
        in.setBody(payload.getBytes(StandardCharsets.UTF_8));
    }

    private void readMessageId(Exchange exchange) throws IOException {
        String answer = exchange.getIn().getBody(String.class);
        JsonNode node = answer == null || answer.isBlank() ? null : json.readTree(answer);
        JsonNode id = node == null ? null : node.has("messageID") ? node.get("messageID") : node.get("message_id");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw new IllegalStateException("MESH accepted the message but its answer has no messageID");
        }
        exchange.setProperty(REMOTE_ID, id.asText());
    }

    /** {@code sha256:} and the lower-case hex SHA-256 of the UTF-8 payload. */
    static String checksum(String payload) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
