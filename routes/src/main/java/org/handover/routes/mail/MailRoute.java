package org.handover.routes.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.util.ByteArrayDataSource;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.attachment.AttachmentMessage;
import org.apache.camel.component.mail.MailConstants;
import org.apache.camel.model.ProcessorDefinition;
import org.handover.routes.DeliveryRouteBuilder;
import org.handover.routes.delivery.Channel;
import org.handover.routes.delivery.DeliveryAttempts;
import org.handover.routes.delivery.OutboundMessage;

/**
 * Delivers social care messages by secure email over SMTP, as plain text, or as plain text with attachments when the
 * message's attribute {@link MailContent#FORMAT_ATTRIBUTE} says its payload is {@link MailContent}. The message id
 * travels as the {@code Message-ID} header {@code <id@handover>} (the idempotency key), which is also the remote id.
 */
public final class MailRoute extends DeliveryRouteBuilder {

    public static final String ROUTE_ID = "mail-delivery";
    public static final String MESSAGE_ID_DOMAIN = "handover";
    static final String DEFAULT_SUBJECT = "Message from Handover";

    static final String SMTP_URI = "smtp://{{handover.smtp.host}}:{{handover.smtp.port}}?from={{handover.smtp.from}}"
            + "&javaMailSender=#" + KeptOpenMailSender.class.getSimpleName();
    /**
     * A server answers a connection at once or not at all; a reply may take as long as RFC 5321 4.5.3.2 lets it (10
     * minutes after the final "."): a client that gives up sooner cannot know whether the mail was taken.
     */
    static final String CONNECT_TIMEOUT = "handover.smtp.connect-timeout-ms";
    static final String REPLY_TIMEOUT = "handover.smtp.reply-timeout-ms";

    public MailRoute(DeliveryAttempts attempts) {
        super(Channel.SOCIAL_CARE, attempts);
    }

    @Override
    public String routeId() {
        return ROUTE_ID;
    }

    @Override
    protected void deliver(ProcessorDefinition<?> route) {
        // The sender, not the URI, holds the server and the login: an empty username would still make JavaMail log in.
        KeptOpenMailSender sender = new KeptOpenMailSender(setting("handover.smtp.host"),
                Integer.parseInt(setting("handover.smtp.port")), setting("handover.smtp.username", ""),
                setting("handover.smtp.password", ""), Integer.parseInt(setting(CONNECT_TIMEOUT, "30000")),
                Integer.parseInt(setting(REPLY_TIMEOUT, "600000")));
        getContext().getRegistry().bind(KeptOpenMailSender.class.getSimpleName(), sender);
        addServiceToContext(sender);
        route.process(MailRoute::prepareMail)
                .to(SMTP_URI)
                .process(exchange -> exchange.setProperty(REMOTE_ID,
                        exchange.getIn().getHeader(MailConstants.MAIL_MESSAGE_ID, String.class)));
    }

    private void addServiceToContext(KeptOpenMailSender sender) {
        try {
            getContext().addService(sender, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot register the SMTP sender with Camel", e);
        }
    }

    /** The Message-ID header for a message id. */
    public static String messageIdHeader(String messageId) {
        return "<" + messageId + "@" + MESSAGE_ID_DOMAIN + ">";
    }

    private static void prepareMail(Exchange exchange) {
        OutboundMessage message = message(exchange);
        Message in = exchange.getIn();
        in.setHeader("To", message.recipient());
        in.setHeader("Subject", message.attribute(OutboundMessage.SUBJECT, DEFAULT_SUBJECT));
        in.setHeader("Message-ID", messageIdHeader(message.id()));
        in.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=UTF-8");
        if (!MailContent.FORMAT.equals(message.attribute(MailContent.FORMAT_ATTRIBUTE, null))) {
            in.setBody(message.payload() == null ? "" : message.payload());
            return;
        }
        MailContent content = MailContent.read(message.payload());
        in.setBody(content.text());
        AttachmentMessage withAttachments = exchange.getIn(AttachmentMessage.class);
        for (MailContent.Attachment attachment : content.attachments()) {
            withAttachments.addAttachment(attachment.fileName(), new DataHandler(new ByteArrayDataSource(
                    attachment.content(), attachment.contentType())));
        }
    }
}
