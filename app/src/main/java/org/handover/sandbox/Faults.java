package org.handover.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.handover.routes.delivery.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Faults injected on purpose, one per channel, so that retries, timeouts and idempotency can be tested against the
 * simulators. A fault applies to the next {@code count} requests of its channel (all of them when no count is given)
 * and then clears itself. Kept in memory: a restart clears every fault.
 * <ul>
 * <li>every channel: {@code hang} (a slow server: the request is held, then stored and answered) and
 * {@code no-answer} (a hung server: the request is held, then dropped without being stored or answered)</li>
 * <li>{@code gp} (MESH, message sends only): {@code http-500}, {@code http-503}, {@code http-400},
 * {@code http-500-after-store} (the message is stored, then the answer is lost), {@code hang}; and
 * {@code lookup-503}, which hits endpoint lookups only (sends go through)</li>
 * <li>{@code social-care} (SMTP): {@code smtp-451}, {@code smtp-451-after-store}, {@code hang}</li>
 * <li>{@code sms} (SMPP submit_sm, or a send to the Notify simulator): {@code smpp-throttled} (Notify: 429),
 * {@code smpp-system-error} (Notify: 500), {@code http-500} and {@code http-400} (Notify only),
 * {@code receipt-undeliverable} (Notify: permanent-failure), {@code receipt-first} (the delivery receipt is handed to
 * Handover, and answered, before the submit_sm or the Notify send is answered), {@code hang}</li>
 * </ul>
 * A hung request is held for the hang time and then answered normally, as a slow server would. A fault set for some
 * seconds ({@code forSeconds}) clears itself when they have passed, as an outage that ends (ops/faults/inject.sh).
 */
class Faults {

    private static final Logger log = LoggerFactory.getLogger(Faults.class);

    enum Mode {
        NONE("none", Channel.values()),
        HANG("hang", Channel.values()),
        NO_ANSWER("no-answer", Channel.values()),
        HTTP_500("http-500", Channel.GP, Channel.SMS),
        HTTP_503("http-503", Channel.GP),
        HTTP_400("http-400", Channel.GP, Channel.SMS),
        HTTP_500_AFTER_STORE("http-500-after-store", Channel.GP),
        LOOKUP_503("lookup-503", Channel.GP),
        SMTP_451("smtp-451", Channel.SOCIAL_CARE),
        SMTP_451_AFTER_STORE("smtp-451-after-store", Channel.SOCIAL_CARE),
        SMPP_THROTTLED("smpp-throttled", Channel.SMS),
        SMPP_SYSTEM_ERROR("smpp-system-error", Channel.SMS),
        RECEIPT_UNDELIVERABLE("receipt-undeliverable", Channel.SMS),
        RECEIPT_FIRST("receipt-first", Channel.SMS);

        private final String id;
        private final List<Channel> channels;

        Mode(String id, Channel... channels) {
            this.id = id;
            this.channels = List.of(channels);
        }

        String id() {
            return id;
        }

        static List<String> idsFor(Channel channel) {
            return Arrays.stream(values()).filter(mode -> mode.channels.contains(channel)).map(Mode::id).toList();
        }

        static Optional<Mode> of(Channel channel, String id) {
            return Arrays.stream(values())
                    .filter(mode -> mode.id.equals(id) && mode.channels.contains(channel))
                    .findFirst();
        }
    }

    /**
     * A fault in force.
     *
     * @param remaining how many more requests it hits; null while it lasts until cleared
     * @param until     when it clears itself; null while it lasts until cleared or counted out
     */
    record Fault(Channel channel, Mode mode, Integer remaining, Duration hangTime, Instant since, Instant until) {

        boolean over(Instant now) {
            return until != null && !now.isBefore(until);
        }
    }

    private final Map<Channel, Fault> faults = new EnumMap<>(Channel.class);
    private final Duration defaultHangTime;
    private final Clock clock;


    Faults(Duration defaultHangTime, Clock clock) {
        this.defaultHangTime = defaultHangTime;
        this.clock = clock;
    }

    /**
     * Sets (or with {@code none} clears) the fault of a channel.
     *
     * @throws IllegalArgumentException with a message fit for the caller when the request makes no sense
     */
    synchronized Optional<Fault> set(String channelId, String modeId, Integer count, Integer hangSeconds) {
        return set(channelId, modeId, count, hangSeconds, null);
    }

    /**
     * The same, for {@code forSeconds} only when given.
     *
     * @throws IllegalArgumentException with a message fit for the caller when the request makes no sense
     */
    synchronized Optional<Fault> set(String channelId, String modeId, Integer count, Integer hangSeconds,
            Integer forSeconds) {
        if (channelId == null || channelId.isBlank()) {
            throw new IllegalArgumentException("channel is required: one of " + channelIds());
        }
        Channel channel;
        try {
            channel = Channel.fromId(channelId.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown channel '" + channelId + "': use one of " + channelIds());
        }
        if (modeId == null || modeId.isBlank()) {
            throw new IllegalArgumentException("mode is required: for " + channel.id() + " one of " + Mode.idsFor(channel));
        }
        Mode mode = Mode.of(channel, modeId.strip()).orElseThrow(() -> new IllegalArgumentException(
                "mode '" + modeId + "' does not apply to " + channel.id() + ": use one of " + Mode.idsFor(channel)));
        if (count != null && count < 1) {
            throw new IllegalArgumentException("count must be at least 1 (leave it out to fail until cleared)");
        }
        if (hangSeconds != null && (hangSeconds < 1 || hangSeconds > 600)) {
            throw new IllegalArgumentException("hangSeconds must be between 1 and 600");
        }
        if (forSeconds != null && (forSeconds < 1 || forSeconds > 3_600)) {
            throw new IllegalArgumentException("forSeconds must be between 1 and 3600 (leave it out to fail until cleared)");
        }
        if (mode == Mode.NONE) {
            faults.remove(channel);
            log.info("Sandbox fault on {} cleared", channel.id());
            return Optional.empty();
        }
        Duration hang = hangSeconds == null ? defaultHangTime : Duration.ofSeconds(hangSeconds);
        Instant now = clock.instant();
        Fault fault = new Fault(channel, mode, count, hang, now, forSeconds == null ? null : now.plusSeconds(forSeconds));
        faults.put(channel, fault);
        log.info("Sandbox fault on {}: {} for {}{}", channel.id(), mode.id(),
                count == null ? "every request" : count + " request(s)",
                forSeconds == null ? "" : ", " + forSeconds + " s");
        return Optional.of(fault);
    }

    /** The fault that hits this request of the channel (a send), if any; counts it. */
    Optional<Fault> take(Channel channel) {
        return take(channel, mode -> mode != Mode.LOOKUP_503);
    }

    /** The fault that hits this MESH endpoint lookup, if any; counts it. */
    Optional<Fault> takeLookup() {
        return take(Channel.GP, mode -> mode == Mode.LOOKUP_503);
    }

    private synchronized Optional<Fault> take(Channel channel, Predicate<Mode> hits) {
        Fault fault = faults.get(channel);
        if (fault != null && fault.over(clock.instant())) {
            faults.remove(channel);
            log.info("Sandbox fault on {} over", channel.id());
            fault = null;
        }
        if (fault == null || !hits.test(fault.mode())) {
            return Optional.empty();
        }
        if (fault.remaining() != null) {
            int left = fault.remaining() - 1;
            if (left <= 0) {
                faults.remove(channel);
            } else {
                faults.put(channel, new Fault(channel, fault.mode(), left, fault.hangTime(), fault.since(),
                        fault.until()));
            }
        }
        return Optional.of(fault);
    }

    synchronized List<Fault> current() {
        Instant now = clock.instant();
        faults.values().removeIf(fault -> fault.over(now));
        return List.copyOf(faults.values());
    }

    synchronized void clearAll() {
        faults.clear();
    }

    static void hang(Fault fault) {
        try {
            Thread.sleep(fault.hangTime().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String channelIds() {
        return Arrays.stream(Channel.values()).map(Channel::id).collect(Collectors.joining(", ", "[", "]"));
    }
}
