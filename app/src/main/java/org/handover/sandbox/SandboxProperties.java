package org.handover.sandbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * What the simulators read. The connection settings are the very ones Handover's own routes use to reach the outside
 * world ({@code handover.mesh.*}, {@code handover.smtp.*}, {@code handover.smpp.*}), so that the two sides agree;
 * {@code handover.sandbox.*} tunes the simulators themselves.
 */
@SandboxOnly
@ConfigurationProperties("handover")
record SandboxProperties(
        @DefaultValue Mesh mesh,
        @DefaultValue Smtp smtp,
        @DefaultValue Smpp smpp,
        @Name("notify") @DefaultValue Notify govNotify,
        @DefaultValue Sandbox sandbox) {

    /**
     * @param apiKey        the key Handover's Notify client signs its JWTs with: its last 73 characters are the
     *                      service id and the secret
     * @param templateId    the one template the simulated service has, whose content is {@code ((message))}
     * @param callbackToken the bearer token the simulator sends with its callbacks
     */
    record Notify(String apiKey, String templateId, String callbackToken) {
    }

    /**
     * @param mailboxId the trust's own mailbox
     * @param password  every sandbox mailbox's password (real MESH gives each mailbox its own)
     * @param sharedKey the environment's shared HMAC key
     */
    record Mesh(
            @DefaultValue("RX1OT001") String mailboxId,
            String password,
            String sharedKey) {
    }

    /**
     * @param port     the SMTP port the simulated council mail server listens on
     * @param username when set, SMTP AUTH must use it with {@code password}; when blank, any login (or none) is taken
     */
    record Smtp(
            @DefaultValue("3025") int port,
            String username,
            String password) {
    }

    /**
     * @param port          the SMPP port of the simulated message centre
     * @param systemId      the system id Handover must bind with
     * @param password      the password Handover must bind with
     * @param sourceAddress the trust's short code / sender id; patients' replies are addressed to it
     */
    record Smpp(
            @DefaultValue("2775") int port,
            @DefaultValue("handover") String systemId,
            String password,
            @DefaultValue("NHSTrust") String sourceAddress) {
    }

    /**
     * @param enabled            whether the simulators run at all (sandbox default true)
     * @param bindAddress        where the SMTP and SMPP simulators listen; loopback only by default
     * @param meshTokenMaxSkew   how far a MESH token's timestamp may be from now
     * @param hangTime           how long a "hang" fault holds a request before answering
     * @param smscDefaultAlphabet how the message centre reads data_coding 0: {@code gsm} (GSM 03.38, one septet per
     *                           octet, as on the air interface) or {@code latin1} (ISO-8859-1 octets, as some
     *                           aggregators do)
     * @param receiptDelay       how long after submit_sm_resp the delivery receipt follows
     * @param redeliveryInterval how often the message centre retries receipts and replies that Handover has not taken
     * @param notifyRequestsPerMinute the Notify simulator's rate limit per API key, as Notify's (3,000 a minute)
     */
    record Sandbox(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("127.0.0.1") String bindAddress,
            @DefaultValue("2h") Duration meshTokenMaxSkew,
            @DefaultValue("60s") Duration hangTime,
            @DefaultValue("gsm") String smscDefaultAlphabet,
            @DefaultValue("500ms") Duration receiptDelay,
            @DefaultValue("5s") Duration redeliveryInterval,
            @DefaultValue("3000") int notifyRequestsPerMinute) {
    }
}
