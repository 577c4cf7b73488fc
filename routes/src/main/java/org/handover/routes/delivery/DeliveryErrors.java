package org.handover.routes.delivery;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.camel.http.base.HttpOperationFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.handover.domain.Masking;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import uk.gov.service.notify.NotificationClientException;

/**
 * Maps whatever a channel threw to the channel-independent error code that the retry rules key on.
 *
 * <table>
 * <caption>Codes</caption>
 * <tr><td>{@code HTTP_<status>}</td><td>Camel {@link HttpOperationFailedException}, e.g. {@code HTTP_500}; GOV.UK Notify's
 * {@link NotificationClientException} with the status Notify answered (400, 403, 429, 500)</td></tr>
 * <tr><td>{@code SMTP_<code>}</td><td>the SMTP reply code of a send, sender or recipient refusal, e.g. {@code SMTP_550}</td></tr>
 * <tr><td>{@code SMPP_<status>}</td><td>jSMPP {@link NegativeResponseException}: command status as 8 upper-case hex
 * digits, e.g. {@code SMPP_0000000B}</td></tr>
 * <tr><td>{@code CONNECTION_REFUSED}</td><td>a {@link ConnectException} anywhere in the cause chain</td></tr>
 * <tr><td>{@code NO_ANSWER}</td><td>the request was handed over but its answer did not come in time: jSMPP
 * {@link ResponseTimeoutException}, a {@link SocketTimeoutException} reading (SMTP, HTTP). The receiver may have
 * taken the message: the outcome is unknown, and a resend may be a second copy</td></tr>
 * <tr><td>{@code TIMEOUT}</td><td>a {@link SocketTimeoutException} while connecting (an HTTP connect timeout): nothing
 * was handed over</td></tr>
 * <tr><td>{@code UNKNOWN}</td><td>anything else</td></tr>
 * </table>
 * A protocol answer (HTTP, SMTP, SMPP) wins over a transport failure found deeper in the chain.
 */
public final class DeliveryErrors {

    public static final String CONNECTION_REFUSED = "CONNECTION_REFUSED";
    public static final String TIMEOUT = "TIMEOUT";
    public static final String NO_ANSWER = "NO_ANSWER";
    public static final String UNKNOWN = "UNKNOWN";

    static final int MAX_TEXT = 200;
    private static final int MAX_CHAIN = 25;
    private static final Pattern LONG_DIGIT_RUN = Pattern.compile("(?<!\\w)\\d{7,}(?!\\w)");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private DeliveryErrors() {
    }

    public static DeliveryError describe(Throwable failure) {
        if (failure == null) {
            return new DeliveryError(UNKNOWN, "no exception recorded");
        }
        List<Throwable> chain = causeChain(failure);
        for (Throwable cause : chain) {
            DeliveryError answer = protocolAnswer(cause);
            if (answer != null) {
                return answer;
            }
        }
        for (Throwable cause : chain) {
            if (cause instanceof ConnectException) {
                return error(CONNECTION_REFUSED, cause);
            }
        }
        for (Throwable cause : chain) {
            if (cause instanceof ResponseTimeoutException) {
                return error(NO_ANSWER, cause);
            }
            // also Apache HttpClient's ConnectTimeoutException, a SocketTimeoutException
            if (cause instanceof SocketTimeoutException) {
                return error(whileConnecting(cause) ? TIMEOUT : NO_ANSWER, cause);
            }
        }
        return error(UNKNOWN, failure);
    }

    private static DeliveryError protocolAnswer(Throwable cause) {
        if (cause instanceof HttpOperationFailedException http) {
            String text = "HTTP " + http.getStatusCode() + " " + nullToEmpty(http.getStatusText());
            String body = http.getResponseBody();
            if (body != null && !body.isBlank()) {
                text = text + ": " + body;
            }
            return new DeliveryError("HTTP_" + http.getStatusCode(), clean(text));
        }
        if (cause instanceof NotificationClientException notify && notify.getHttpResult() > 0) {
            // no status: the request never got an answer; the transport failure is further down the chain
            return new DeliveryError("HTTP_" + notify.getHttpResult(), clean("GOV.UK Notify: " + notify.getMessage()));
        }
        if (cause instanceof SMTPSendFailedException smtp) {
            return smtp(smtp.getReturnCode(), cause);
        }
        if (cause instanceof SMTPAddressFailedException smtp) {
            return smtp(smtp.getReturnCode(), cause);
        }
        if (cause instanceof SMTPSenderFailedException smtp) {
            return smtp(smtp.getReturnCode(), cause);
        }
        if (cause instanceof NegativeResponseException smpp) {
            String status = String.format(Locale.ROOT, "%08X", smpp.getCommandStatus());
            return new DeliveryError("SMPP_" + status, clean("SMPP negative response " + status + ": " + smpp.getMessage()));
        }
        return null;
    }

    /** "Connect timed out" (java.net), ConnectTimeoutException (HttpClient); a read timeout says "Read timed out". */
    private static boolean whileConnecting(Throwable timeout) {
        String message = timeout.getMessage();
        return timeout.getClass().getSimpleName().startsWith("Connect")
                || (message != null && message.toLowerCase(Locale.ROOT).contains("connect"));
    }

    private static DeliveryError smtp(int returnCode, Throwable cause) {
        return error("SMTP_" + returnCode, cause);
    }

    private static DeliveryError error(String code, Throwable cause) {
        String message = cause.getMessage();
        String text = cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return new DeliveryError(code, clean(text));
    }

    /** Single line, no NHS or phone numbers, at most {@value #MAX_TEXT} characters. */
    static String clean(String text) {
        String oneLine = WHITESPACE.matcher(text).replaceAll(" ").trim();
        String masked = Masking.maskNhsNumbers(oneLine);
        masked = LONG_DIGIT_RUN.matcher(masked).replaceAll(match -> Masking.maskTail(match.group()));
        return masked.length() <= MAX_TEXT ? masked : masked.substring(0, MAX_TEXT - 3) + "...";
    }

    private static List<Throwable> causeChain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && chain.size() < MAX_CHAIN && seen.add(cause);
                cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
