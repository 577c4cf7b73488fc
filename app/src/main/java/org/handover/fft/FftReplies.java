package org.handover.fft;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.handover.domain.Masking;
import org.handover.rules.fft.ParsedReply;
import org.handover.rules.fft.Redaction;
import org.handover.rules.fft.ReplyParser;
import org.handover.rules.fft.UkMobile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Patients' SMS replies, read from the inbound store (where they were kept before the message centre was
 * acknowledged) and marked processed in the same transaction as their effect, so each counts once and a restart
 * picks up any not yet handled. Correlated by phone number to the patient's open conversation.
 */
@Service
class FftReplies {

    private static final Logger log = LoggerFactory.getLogger(FftReplies.class);
    private static final int MAX_TEXT = 4000;

    /** An SMS as the inbound store kept it. */
    record Inbound(String id, String sender, String body, Instant receivedAt) {
    }

    private final JdbcTemplate jdbc;
    private final FftOutgoing outgoing;
    private final FftTexts texts;
    private final FftProperties properties;
    private final FftMetrics metrics;
    private final Clock clock;
    private final TransactionTemplate transaction;

    FftReplies(JdbcTemplate jdbc, FftOutgoing outgoing, FftTexts texts, FftProperties properties, FftMetrics metrics,
            Clock clock, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.outgoing = outgoing;
        this.texts = texts;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
        this.transaction = transaction;
    }

    List<Inbound> unprocessed(int limit) {
        return jdbc.query("""
                select id, sender, body, received_at from inbound_message
                where processed_at is null and channel = 'sms' order by received_at
                fetch first %d rows only
                """.formatted(limit), (rs, n) -> new Inbound(rs.getString("id"), rs.getString("sender"),
                rs.getString("body"), rs.getTimestamp("received_at").toInstant()));
    }

    /** One reply in its own transaction: the way back when a batch failed. */
    @Transactional
    public void handle(Inbound sms) {
        handleInTransaction(sms);
    }

    /**
     * Several replies in one transaction, in the order received (two from one number see each other's effect). One
     * commit for the lot; if any fails, none is kept and the caller handles them one by one.
     */
    public void handleAll(List<Inbound> batch) {
        transaction.executeWithoutResult(status -> batch.forEach(this::handleInTransaction));
    }

    private void handleInTransaction(Inbound sms) {
        Instant now = clock.instant();
        if (jdbc.update("update inbound_message set processed_at = ? where id = ? and processed_at is null",
                Timestamp.from(now), sms.id()) == 0) {
            return;
        }
        String mobile = UkMobile.normalise(sms.sender()).orElse(sms.sender().strip());
        ParsedReply parsed = ReplyParser.parse(sms.body());
        switch (parsed.kind()) {
            case OPT_OUT -> optOut(sms, mobile, now);
            case OPT_IN -> optIn(sms, mobile);
            default -> toConversation(sms, mobile, parsed, now);
        }
    }

    private void optOut(Inbound sms, String mobile, Instant now) {
        Timestamp ts = Timestamp.from(now);
        boolean newlyOptedOut = jdbc.update("""
                insert into fft_opt_out (mobile, opted_out_at, inbound_message_id)
                select ?, ?, ? where not exists (select 1 from fft_opt_out where mobile = ?)
                """, mobile, ts, sms.id(), mobile) == 1;
        String conversation = openConversation(mobile).map(c -> (String) c.get("id")).orElse(null);
        jdbc.update("""
                update fft_conversation set state = 'ENDED', outcome = 'OPTED_OUT', ended_at = ?, updated_at = ?,
                    wait_until = null
                where mobile = ? and state in ('AWAITING_ANSWER', 'AWAITING_CLARIFIED_ANSWER', 'AWAITING_COMMENT')
                """, ts, ts, mobile);
        jdbc.update("""
                update fft_conversation set state = 'SKIPPED', skip_reason = 'OPTED_OUT', updated_at = ?,
                    decision = 'The mobile number opted out before the text was due'
                where mobile = ? and state = 'SCHEDULED'
                """, ts, mobile);
        record(sms, conversation, mobile, "OPT_OUT", null, newlyOptedOut);
        if (newlyOptedOut) {
            outgoing.send("fft-" + sms.id() + "-stop", FftOutgoing.OPT_OUT_CONFIRMATION, mobile, conversation,
                    texts.optedOut());
            metrics.optedOut();
            log.debug("FFT: {} opted out", Masking.maskTail(mobile));
        }
    }

    private void optIn(Inbound sms, String mobile) {
        boolean wasOptedOut = jdbc.update("delete from fft_opt_out where mobile = ?", mobile) == 1;
        record(sms, null, mobile, "OPT_IN", null, wasOptedOut);
        if (wasOptedOut) {
            outgoing.send("fft-" + sms.id() + "-start", FftOutgoing.OPT_IN_CONFIRMATION, mobile, null, texts.optedIn());
            log.debug("FFT: {} opted in again", Masking.maskTail(mobile));
        }
    }

    private void toConversation(Inbound sms, String mobile, ParsedReply parsed, Instant now) {
        var open = openConversation(mobile);
        if (open.isEmpty()) {
            noConversation(sms, mobile);
            return;
        }
        String id = (String) open.get().get("id");
        String state = (String) open.get().get("state");
        Timestamp ts = Timestamp.from(now);
        String text = redacted(sms.body());
        if (state.equals(ConversationState.AWAITING_COMMENT.name())) {
            String comment = join((String) open.get().get("comment"), text);
            jdbc.update("""
                    update fft_conversation set comment = ?, comment_at = ?, state = 'ENDED', outcome = 'COMPLETED',
                        ended_at = ?, wait_until = null, updated_at = ?
                    where id = ?
                    """, comment, ts, ts, ts, id);
            record(sms, id, mobile, "COMMENT", null, false);
            metrics.reply("comment");
            return;
        }
        if (parsed.kind() == ParsedReply.Kind.SCORE) {
            jdbc.update("""
                    update fft_conversation set answer = ?, answered_at = ?, comment = ?, state = 'AWAITING_COMMENT',
                        wait_until = ?, updated_at = ?
                    where id = ?
                    """, parsed.answer().number(), ts, redacted(parsed.comment()),
                    Timestamp.from(now.plus(properties.commentWait())), ts, id);
            record(sms, id, mobile, "ANSWER", parsed.answer().number(), true);
            outgoing.send("fft-" + id + "-follow-up", FftOutgoing.FOLLOW_UP, mobile, id, texts.followUp());
            metrics.reply("answer");
            return;
        }
        String unclassified = join((String) open.get().get("unclassified_reply"), text);
        if (!Boolean.TRUE.equals(open.get().get("clarification_sent"))) {
            jdbc.update("""
                    update fft_conversation set clarification_sent = true, unclassified_reply = ?,
                        state = 'AWAITING_CLARIFIED_ANSWER', wait_until = ?, updated_at = ?
                    where id = ?
                    """, unclassified, Timestamp.from(now.plus(properties.answerWait())), ts, id);
            record(sms, id, mobile, "UNCLEAR", null, true);
            outgoing.send("fft-" + id + "-clarification", FftOutgoing.CLARIFICATION, mobile, id, texts.clarification());
            metrics.reply("unclear");
            return;
        }
        jdbc.update("""
                update fft_conversation set unclassified_reply = ?, state = 'ENDED', outcome = 'UNCLASSIFIED',
                    ended_at = ?, wait_until = null, updated_at = ?
                where id = ?
                """, unclassified, ts, ts, id);
        record(sms, id, mobile, "UNCLASSIFIED", null, false);
        metrics.reply("unclassified");
    }

    /**
     * A number FFT has texted before gets no answer (its conversation is over; the text is kept as a late reply);
     * a number it never texted gets one polite answer a day, so that two auto-responders cannot text each other
     * for ever.
     */
    private void noConversation(Inbound sms, String mobile) {
        String latest = jdbc.queryForList("""
                select id from fft_conversation where mobile = ? and asked_at is not null order by asked_at desc
                """, String.class, mobile).stream().findFirst().orElse(null);
        if (latest != null) {
            record(sms, latest, mobile, "LATE", null, false);
            metrics.reply("late");
            return;
        }
        Instant since = clock.instant().minus(properties.unknownSenderQuietPeriod());
        boolean answeredLately = jdbc.queryForObject("""
                select count(*) from fft_reply where mobile = ? and classification = 'UNKNOWN_SENDER' and answered = true
                    and received_at > ?
                """, Integer.class, mobile, Timestamp.from(since)) > 0;
        record(sms, null, mobile, "UNKNOWN_SENDER", null, !answeredLately);
        if (!answeredLately) {
            outgoing.send("fft-" + sms.id() + "-unknown", FftOutgoing.UNKNOWN_SENDER_ANSWER, mobile, null,
                    texts.unknownSender());
        }
        metrics.reply("unknown-sender");
        log.debug("FFT: reply from a number with no conversation ({}) kept", Masking.maskTail(mobile));
    }

    /** The newest open conversation for the number, locked until this reply's transaction ends. */
    private Optional<Map<String, Object>> openConversation(String mobile) {
        return jdbc.queryForList("""
                select id, state, comment, unclassified_reply, clarification_sent from fft_conversation
                where mobile = ? and state in ('AWAITING_ANSWER', 'AWAITING_CLARIFIED_ANSWER', 'AWAITING_COMMENT')
                order by asked_at desc for update
                """, mobile).stream().findFirst();
    }

    private void record(Inbound sms, String conversationId, String mobile, String classification, Integer answer,
            boolean answered) {
        jdbc.update("""
                insert into fft_reply (id, conversation_id, mobile, received_at, classification, answer, text, answered)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                """, sms.id(), conversationId, mobile, Timestamp.from(sms.receivedAt()), classification, answer,
                Objects.requireNonNullElse(redacted(sms.body()), ""), answered);
    }

    private static String redacted(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String clean = Redaction.redact(text.strip());
        return clean.length() <= MAX_TEXT ? clean : clean.substring(0, MAX_TEXT);
    }

    private static String join(String earlier, String later) {
        String joined = earlier == null ? later : later == null ? earlier : earlier + "\n" + later;
        return joined == null || joined.length() <= MAX_TEXT ? joined : joined.substring(0, MAX_TEXT);
    }
}
