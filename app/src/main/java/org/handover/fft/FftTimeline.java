package org.handover.fft;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handover.domain.Masking;
import org.handover.messaging.DeliveryStatus;
import org.handover.rules.fft.SendingHours;
import org.handover.rules.fft.SkipReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The time-driven steps of FFT conversations, each a conditional update on the state so that two nodes (or a
 * repeated tick) cannot do a step twice: send the question when due, record what the delivery ledger learnt of it,
 * and end waits that ran out.
 */
@Service
class FftTimeline {

    private static final Logger log = LoggerFactory.getLogger(FftTimeline.class);
    static final int BATCH = 500;
    static final long SWEEP_SECONDS = 60;
    private static final long NEVER = Long.MIN_VALUE;

    private final JdbcTemplate jdbc;
    private final FftOutgoing outgoing;
    private final FftTexts texts;
    private final FftConversations conversations;
    private final SendingHours sendingHours;
    private final FftProperties properties;
    private final FftMetrics metrics;
    private final FftReceipts receipts;
    private final Clock clock;
    private volatile long lastSweepNanos = NEVER;

    FftTimeline(JdbcTemplate jdbc, FftOutgoing outgoing, FftTexts texts, FftConversations conversations,
            SendingHours sendingHours, FftProperties properties, FftMetrics metrics, FftReceipts receipts,
            Clock clock) {
        this.jdbc = jdbc;
        this.outgoing = outgoing;
        this.texts = texts;
        this.conversations = conversations;
        this.sendingHours = sendingHours;
        this.properties = properties;
        this.metrics = metrics;
        this.receipts = receipts;
        this.clock = clock;
    }

    List<String> dueToSend() {
        return jdbc.queryForList("""
                select id from fft_conversation where state = 'SCHEDULED' and send_at <= ? order by send_at
                fetch first %d rows only
                """.formatted(BATCH), String.class, Timestamp.from(clock.instant()));
    }

    /** A question due now, with what the per-conversation checks would find. */
    private record Due(String id, String mobile, String nhsNumber, String setting, boolean optedOut,
            boolean askedByAnother) {
    }

    /**
     * Sends every question due now (at most {@value #BATCH}) in one transaction, with the checks of
     * {@link #sendQuestion} made for the whole batch in one query: opted out since, or asked by another conversation
     * (one in this batch included), is skipped; outside sending hours they all wait for the next morning. If the
     * batch fails the caller sends them one by one.
     *
     * @return how many were due
     */
    @Transactional
    public int sendDueQuestions() {
        Instant now = clock.instant();
        Timestamp ts = Timestamp.from(now);
        if (!sendingHours.isWithin(now)) {
            jdbc.update("update fft_conversation set send_at = ?, updated_at = ? where state = 'SCHEDULED' "
                    + "and send_at <= ?", Timestamp.from(nextMorning(now)), ts, ts);
            return 0;
        }
        Timestamp askedSince = Timestamp.from(now.minus(Duration.ofDays(properties.minimumDaysBetween())));
        List<Due> due = jdbc.query("""
                select c.id, c.mobile, c.nhs_number, c.setting,
                    case when exists (select 1 from fft_opt_out o where o.mobile = c.mobile) then 1 else 0 end
                        as opted_out,
                    case when exists (select 1 from fft_conversation a
                                      where a.nhs_number = c.nhs_number and a.id <> c.id and a.asked_at > ?)
                           or exists (select 1 from fft_conversation a
                                      where a.mobile = c.mobile and a.id <> c.id and a.asked_at > ?)
                         then 1 else 0 end as asked_by_another
                from fft_conversation c where c.state = 'SCHEDULED' and c.send_at <= ? order by c.send_at
                fetch first %d rows only
                """.formatted(BATCH), (rs, n) -> new Due(rs.getString("id"), rs.getString("mobile"),
                rs.getString("nhs_number"), rs.getString("setting"), rs.getInt("opted_out") == 1,
                rs.getInt("asked_by_another") == 1), askedSince, askedSince, ts);
        Set<String> askedNow = new HashSet<>();
        List<Due> toAsk = new ArrayList<>();
        List<Object[]> skips = new ArrayList<>();
        Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
        for (Due question : due) {
            boolean askedInThisBatch = askedNow.contains("n:" + question.nhsNumber())
                    || askedNow.contains("m:" + question.mobile());
            SkipReason skip = question.optedOut() ? SkipReason.OPTED_OUT
                    : question.askedByAnother() || askedInThisBatch ? SkipReason.ASKED_RECENTLY : null;
            if (skip == null) {
                askedNow.add("n:" + question.nhsNumber());
                askedNow.add("m:" + question.mobile());
                toAsk.add(question);
            } else {
                skips.add(new Object[] {skip.name(), skip.description() + " (found when the text was due)", ts,
                        question.id()});
                skipped.merge(skip, 1, Integer::sum);
            }
        }
        jdbc.batchUpdate("""
                update fft_conversation set state = 'SKIPPED', skip_reason = ?, decision = ?, updated_at = ?
                where id = ? and state = 'SCHEDULED'
                """, skips);
        skipped.forEach(metrics::skipped);
        Timestamp waitUntil = Timestamp.from(now.plus(properties.answerWait()));
        int[] claimed = jdbc.batchUpdate("""
                update fft_conversation set state = 'AWAITING_ANSWER', asked_at = ?, wait_until = ?, updated_at = ?,
                    question_message_id = ?
                where id = ? and state = 'SCHEDULED'
                """, toAsk.stream().map(question -> new Object[] {ts, waitUntil, ts, questionId(question.id()),
                question.id()}).toList());
        List<FftOutgoing.Text> questions = new ArrayList<>();
        for (int i = 0; i < toAsk.size(); i++) {
            // another node that claimed it first wrote the same outbox id: the insert keeps one
            if (claimed[i] != 0) {
                Due question = toAsk.get(i);
                questions.add(new FftOutgoing.Text(questionId(question.id()), FftOutgoing.QUESTION, question.mobile(),
                        question.id(), texts.question(question.setting())));
            }
        }
        outgoing.sendAll(questions);
        log.debug("FFT: {} questions sent, {} skipped when due", questions.size(), skips.size());
        return due.size();
    }

    private Instant nextMorning(Instant now) {
        return new SendingHours(Duration.ZERO, properties.sendingStart(), properties.sendingEnd(), properties.zone())
                .sendAt(now);
    }

    /**
     * Sends the question, unless since scheduling the number opted out or the patient was asked by another
     * conversation; outside sending hours (the node was down past 20:00) it waits for the next morning.
     */
    @Transactional
    public void sendQuestion(String id) {
        Instant now = clock.instant();
        Timestamp ts = Timestamp.from(now);
        var rows = jdbc.queryForList("""
                select mobile, nhs_number, setting from fft_conversation where id = ? and state = 'SCHEDULED'
                """, id);
        if (rows.isEmpty()) {
            return;
        }
        String mobile = (String) rows.get(0).get("mobile");
        String nhsNumber = (String) rows.get(0).get("nhs_number");
        if (!sendingHours.isWithin(now)) {
            Instant next = nextMorning(now);
            jdbc.update("update fft_conversation set send_at = ?, updated_at = ? where id = ? and state = 'SCHEDULED'",
                    Timestamp.from(next), ts, id);
            return;
        }
        SkipReason lateSkip = conversations.isOptedOut(mobile) ? SkipReason.OPTED_OUT
                : askedByAnother(id, nhsNumber, mobile, now) ? SkipReason.ASKED_RECENTLY : null;
        if (lateSkip != null) {
            jdbc.update("""
                    update fft_conversation set state = 'SKIPPED', skip_reason = ?, decision = ?, updated_at = ?
                    where id = ? and state = 'SCHEDULED'
                    """, lateSkip.name(), lateSkip.description() + " (found when the text was due)", ts, id);
            metrics.skipped(lateSkip);
            return;
        }
        int claimed = jdbc.update("""
                update fft_conversation set state = 'AWAITING_ANSWER', asked_at = ?, wait_until = ?, updated_at = ?,
                    question_message_id = ?
                where id = ? and state = 'SCHEDULED'
                """, ts, Timestamp.from(now.plus(properties.answerWait())), ts, questionId(id), id);
        if (claimed == 1) {
            outgoing.send(questionId(id), FftOutgoing.QUESTION, mobile, id,
                    texts.question((String) rows.get(0).get("setting")));
            log.debug("FFT question {} sent to {}", id, Masking.maskTail(mobile));
        }
    }

    static String questionId(String conversationId) {
        return "fft-" + conversationId + "-question";
    }

    private boolean askedByAnother(String id, String nhsNumber, String mobile, Instant now) {
        return jdbc.queryForObject("""
                select count(*) from fft_conversation
                where (nhs_number = ? or mobile = ?) and id <> ? and asked_at is not null and asked_at > ?
                """, Integer.class, nhsNumber, mobile, id,
                Timestamp.from(now.minus(Duration.ofDays(properties.minimumDaysBetween())))) > 0;
    }

    /**
     * Copies the ledger's final word on questions to their conversations: delivered is noted; undeliverable,
     * dead-lettered or abandoned ends a conversation still waiting for its answer, since no answer can come. Takes what
     * the ledger has told {@link FftReceipts} since the last tick, and every {@value #SWEEP_SECONDS} s (and on the first
     * tick after a start) also sweeps the ledger for any question still without a final word here.
     */
    @Transactional
    public int recordReceipts() {
        Instant now = clock.instant();
        Timestamp ts = Timestamp.from(now);
        Map<String, FftReceipts.Receipt> byConversation = new LinkedHashMap<>();
        if (System.nanoTime() - lastSweepNanos > SWEEP_SECONDS * 1_000_000_000L || lastSweepNanos == NEVER) {
            lastSweepNanos = System.nanoTime();
            sweepLedger(now).forEach(receipt -> byConversation.put(receipt.conversationId(), receipt));
        }
        receipts.take(BATCH * 4).forEach(receipt -> byConversation.put(receipt.conversationId(), receipt));
        List<Object[]> delivered = new ArrayList<>();
        List<Object[]> notDelivered = new ArrayList<>();
        List<Object[]> ended = new ArrayList<>();
        for (FftReceipts.Receipt receipt : byConversation.values()) {
            if (receipt.status() == DeliveryStatus.DELIVERED || receipt.status() == DeliveryStatus.ACKNOWLEDGED) {
                delivered.add(new Object[] {Timestamp.from(receipt.at()), ts, receipt.conversationId()});
            } else {
                notDelivered.add(new Object[] {receipt.status().name(), ts, receipt.conversationId()});
                ended.add(new Object[] {ts, receipt.conversationId()});
            }
        }
        int[] deliveredNow = jdbc.batchUpdate("update fft_conversation set delivery_status = 'DELIVERED', "
                + "delivered_at = ?, updated_at = ? where id = ? and delivery_status is null", delivered);
        int[] notDeliveredNow = jdbc.batchUpdate("update fft_conversation set delivery_status = ?, updated_at = ? "
                + "where id = ? and (delivery_status is null or delivery_status = 'DELIVERED')", notDelivered);
        int[] endedNow = jdbc.batchUpdate("""
                update fft_conversation set state = 'ENDED', outcome = 'UNDELIVERED', ended_at = ?, wait_until = null
                where id = ? and state = 'AWAITING_ANSWER'
                """, ended);
        metrics.delivered(updated(deliveredNow));
        metrics.undelivered(updated(notDeliveredNow));
        for (int i = 0; i < endedNow.length; i++) {
            if (endedNow[i] == 1) {
                log.info("FFT question {} could not be delivered ({}): conversation ended", ended.get(i)[1],
                        notDelivered.get(i)[0]);
            }
        }
        return byConversation.size();
    }

    /** Questions asked in the last week with a final status in the ledger and none here yet. */
    private List<FftReceipts.Receipt> sweepLedger(Instant now) {
        return jdbc.query("""
                select c.id, o.status, o.delivered_at from fft_conversation c
                join outbox_message o on o.id = c.question_message_id
                where c.delivery_status is null and c.question_message_id is not null and c.asked_at > ?
                  and o.status in ('DELIVERED', 'ACKNOWLEDGED', 'UNDELIVERABLE', 'DEAD', 'ABANDONED')
                """, (rs, n) -> new FftReceipts.Receipt(rs.getString("id"), DeliveryStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("delivered_at") == null ? now : rs.getTimestamp("delivered_at").toInstant()),
                Timestamp.from(now.minus(Duration.ofDays(7))));
    }

    private static int updated(int[] counts) {
        int rows = 0;
        for (int count : counts) {
            rows += count > 0 ? count : count == java.sql.Statement.SUCCESS_NO_INFO ? 1 : 0;
        }
        return rows;
    }

    /** Waits that ran out: no answer (no response, or the unreadable reply kept), no comment (answered). */
    @Transactional
    public int expireWaits() {
        Timestamp ts = Timestamp.from(clock.instant());
        int noResponse = jdbc.update("""
                update fft_conversation set state = 'ENDED', outcome = 'NO_RESPONSE', ended_at = ?, updated_at = ?
                where state = 'AWAITING_ANSWER' and wait_until <= ?
                """, ts, ts, ts);
        int unclassified = jdbc.update("""
                update fft_conversation set state = 'ENDED', outcome = 'UNCLASSIFIED', ended_at = ?, updated_at = ?
                where state = 'AWAITING_CLARIFIED_ANSWER' and wait_until <= ?
                """, ts, ts, ts);
        int noComment = jdbc.update("""
                update fft_conversation set state = 'ENDED', outcome = 'ANSWERED_NO_COMMENT', ended_at = ?, updated_at = ?
                where state = 'AWAITING_COMMENT' and wait_until <= ?
                """, ts, ts, ts);
        return noResponse + unclassified + noComment;
    }
}
