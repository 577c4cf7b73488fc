package org.handover.routes.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.component.smpp.SmppException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeliveryErrorsTest {

    static Stream<Arguments> mapping() throws Exception {
        return Stream.of(
                Arguments.of("HTTP status", http(503), "HTTP_503"),
                Arguments.of("HTTP status wrapped by Camel", new CamelExecutionException("failed", null, http(400)),
                        "HTTP_400"),
                Arguments.of("SMTP refusal of the message", smtpSendFailed(554, null), "SMTP_554"),
                Arguments.of("SMTP refusal of a recipient, nested as JavaMail does",
                        new SendFailedException("Invalid Addresses", smtpAddressFailed(550)), "SMTP_550"),
                Arguments.of("SMTP answer wins over a transport cause", smtpSendFailed(451, new ConnectException("x")),
                        "SMTP_451"),
                Arguments.of("SMTP server not listening",
                        new MessagingException("Couldn't connect to host", new ConnectException("Connection refused")),
                        "CONNECTION_REFUSED"),
                Arguments.of("SMPP negative response as Camel wraps it",
                        new SmppException(new NegativeResponseException(0x0B)), "SMPP_0000000B"),
                Arguments.of("SMPP throttling", new NegativeResponseException(0x58), "SMPP_00000058"),
                Arguments.of("SMPP vendor status", new NegativeResponseException(0x400), "SMPP_00000400"),
                Arguments.of("connection refused deep in the chain",
                        new CamelExecutionException("failed", null, new IOException(new ConnectException("refused"))),
                        "CONNECTION_REFUSED"),
                Arguments.of("HTTP client connection refused", new HttpHostConnectException("Connect refused"),
                        "CONNECTION_REFUSED"),
                Arguments.of("read timeout", new SocketTimeoutException("Read timed out"), "NO_ANSWER"),
                Arguments.of("HTTP connect timeout", new ConnectTimeoutException("Connect timed out"), "TIMEOUT"),
                Arguments.of("SMPP response timeout",
                        new SmppException(new ResponseTimeoutException("No response after 10000 millis")), "NO_ANSWER"),
                Arguments.of("anything else", new IllegalStateException("boom"), "UNKNOWN"),
                Arguments.of("nothing at all", null, "UNKNOWN"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("mapping")
    void mapsExceptionsToCodes(String name, Throwable failure, String code) {
        assertThat(DeliveryErrors.describe(failure).code()).isEqualTo(code);
    }

    @Test
    void textNamesTheFailureBriefly() {
        DeliveryError error = DeliveryErrors.describe(http(500));

        assertThat(error.text()).startsWith("HTTP 500 Server Error").contains("errorDescription");
        assertThat(DeliveryErrors.describe(new SmppException(new NegativeResponseException(0x0B))).text())
                .startsWith("SMPP negative response 0000000B");
    }

    @Test
    void textNeverHoldsAFullNhsNumberOrPhoneNumber() {
        DeliveryError error = DeliveryErrors.describe(new IllegalStateException(
                "rejected patient 943 476 5919 (9434765919), mobile 447700900123"));

        assertThat(error.text())
                .doesNotContain("943 476 5919", "9434765919", "447700900123")
                .contains("5919", "0123");
    }

    @Test
    void textIsOneShortLine() {
        DeliveryError error = DeliveryErrors.describe(new IllegalStateException("line one\nline two " + "x".repeat(500)));

        assertThat(error.text()).doesNotContain("\n").hasSizeLessThanOrEqualTo(DeliveryErrors.MAX_TEXT);
    }

    @Test
    void redactRemovesTheBody() {
        String body = "Dear colleague, your patient was discharged today";
        DeliveryError error = DeliveryErrors.describe(new IllegalStateException("cannot send: " + body)).redact(body);

        assertThat(error.text()).doesNotContain(body).contains("[redacted]");
    }

    @Test
    void survivesACyclicCauseChain() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second", first);
        first.initCause(second);

        assertThat(DeliveryErrors.describe(first).code()).isEqualTo("UNKNOWN");
    }

    private static HttpOperationFailedException http(int status) {
        return new HttpOperationFailedException("http://mesh.test/messageexchange/X26OT001/outbox", status,
                status == 500 ? "Server Error" : "Status", null, Map.of(),
                "{\"errorCode\":\"99\",\"errorDescription\":\"try later\"}");
    }

    private static SMTPSendFailedException smtpSendFailed(int code, Exception next) {
        return new SMTPSendFailedException("DATA", code, code + " 5.0.0 refused", next, new Address[0],
                new Address[0], new Address[0]);
    }

    private static SMTPAddressFailedException smtpAddressFailed(int code) {
        try {
            return new SMTPAddressFailedException(new InternetAddress("team@council.example"), "RCPT TO", code,
                    code + " 5.1.1 user unknown");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
