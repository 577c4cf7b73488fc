package org.handover.routes.mesh;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;

/**
 * Polls the trust's MESH inbox on a timer ({@code handover.mesh.inbox-poll-interval}, default 30 s): lists the waiting
 * messages, downloads each, hands it to {@link MeshInbox} (which stores it) and only then acknowledges it in MESH.
 * A message that fails is left in the inbox for the next poll; the others carry on. Every call carries a fresh NHSMESH
 * token.
 */
public final class MeshInboxRoute extends RouteBuilder {

    public static final String ROUTE_ID = "mesh-inbox-poll";
    static final String MESSAGE_ID = "meshInboxMessageId";
    private static final String BASE = "{{handover.mesh.url}}/messageexchange/{{handover.mesh.mailbox-id}}/inbox";

    private final MeshInbox inbox;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public MeshInboxRoute(MeshInbox inbox, Clock clock) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void configure() {
        MeshAuthToken tokens = new MeshAuthToken(setting("handover.mesh.mailbox-id"), setting("handover.mesh.password"),
                setting("handover.mesh.shared-key"), clock);
        onException(Exception.class).handled(true).maximumRedeliveries(0)
                .log(LoggingLevel.WARN, "MESH inbox poll: ${exception.message}; left for the next poll");

        from("timer:mesh-inbox?delay={{handover.mesh.inbox-poll-delay:5000}}"
                + "&period={{handover.mesh.inbox-poll-interval:30000}}")
                .routeId(ROUTE_ID)
                .process(exchange -> request(exchange, tokens, "GET"))
                .to(BASE + "?throwExceptionOnFailure=true")
                .process(this::messageIds)
                .split(body())
                    .setProperty(MESSAGE_ID, body())
                    .process(exchange -> request(exchange, tokens, "GET"))
                    .toD(BASE + "/${exchangeProperty." + MESSAGE_ID + "}?throwExceptionOnFailure=true")
                    .process(this::hand)
                    .process(exchange -> request(exchange, tokens, "PUT"))
                    .toD(BASE + "/${exchangeProperty." + MESSAGE_ID + "}/status/acknowledged"
                            + "?throwExceptionOnFailure=true")
                    .log(LoggingLevel.DEBUG, "MESH inbox message ${exchangeProperty." + MESSAGE_ID + "} acknowledged")
                .end();
    }

    private static void request(Exchange exchange, MeshAuthToken tokens, String method) {
        Message in = exchange.getIn();
        in.removeHeaders("*");
        in.setHeader(Exchange.HTTP_METHOD, method);
        in.setHeader("Authorization", tokens.next());
        in.setHeader("Accept", "application/json");
        in.setHeader("Mex-ClientVersion", "Handover");
        in.setBody(method.equals("PUT") ? new byte[0] : null);
    }

    private void messageIds(Exchange exchange) throws Exception {
        String answer = exchange.getIn().getBody(String.class);
        JsonNode messages = answer == null || answer.isBlank() ? null : json.readTree(answer).path("messages");
        List<String> ids = new ArrayList<>();
        if (messages != null && messages.isArray()) {
            messages.forEach(id -> ids.add(id.asText()));
        }
        exchange.getIn().setBody(ids);
    }

    private void hand(Exchange exchange) {
        Message in = exchange.getIn();
        byte[] body = in.getBody(byte[].class);
        inbox.received(new MeshInboundMessage(exchange.getProperty(MESSAGE_ID, String.class),
                header(in, "Mex-MessageType"), header(in, "Mex-WorkflowID"), header(in, "Mex-From"),
                header(in, "Mex-LocalID"), header(in, "Mex-LinkedMsgID"), header(in, "Mex-StatusCode"),
                header(in, "Mex-StatusDescription"), body == null ? "" : new String(body, StandardCharsets.UTF_8)));
    }

    private static String header(Message in, String name) {
        Object value = in.getHeader(name);
        return value == null ? null : value.toString();
    }

    private String setting(String key) {
        return getContext().getPropertiesComponent().resolveProperty(key).orElse("");
    }
}
