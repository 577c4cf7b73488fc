package org.handover.fft;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.handover.domain.Masking;
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

    private final JdbcTemplate jdbc;
    private final FftOutgoing outgoing;
    private final FftTexts texts;
    private final FftConversations conversations;
    private final SendingHours sendingHours;
    private final FftProperties properties;
    private final FftMetrics metrics;
    private final Clock clock;

    FftTimeline(JdbcTemplate jdbc, FftOutgoing outgoing, FftTexts texts, FftConversations conversations,
            SendingHours sendingHours, FftProperties properties, FftMetrics metrics, Clock clock) {
        this.jdbc = jdbc;
        this.outgoing = outgoing;
        this.texts = texts;
        this.conversations = conversations;
        this.sendingHours = sendingHours;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    List<String> dueToSend() {
        return jdbc.queryForList("""
                select id from fft_conversation where state = 'SCHEDULED' and send_at <= ? order by send_at
                fetch first %d rows only
                """.formatted(BATCH), String.class, Timestamp.from(clock.instant()));
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
            Instant next = new SendingHours(Duration.ZERO, properties.sendingStart(), properties.sendingEnd(),
                    properties.zone()).sendAt(now);
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
     * Copies the ledger's final word on each question still without one: delivered is noted; undeliverable,
     * dead-lettered or abandoned ends a conversation still waiting for its answer, since no answer can come.
     */
    @Transactional
    public int recordReceipts() {
        Instant now = clock.instant();
        Timestamp ts = Timestamp.from(now);
        var rows = jdbc.queryForList("""
                select c.id, c.state, o.status, o.delivered_at from fft_conversation c
                join outbox_message o on o.id = c.question_message_id
                where c.delivery_status is null and c.asked_at > ?
                  and o.status in ('DELIVERED', 'ACKNOWLEDGED', 'UNDELIVERABLE', 'DEAD', 'ABANDONED')
                """, Timestamp.from(now.minus(Duration.ofDays(7))));
        for (var row : rows) {
            String id = (String) row.get("id");
            String status = (String) row.get("status");
            boolean delivered = status.equals("DELIVERED") || status.equals("ACKNOWLEDGED");
            if (delivered) {
                jdbc.update("update fft_conversation set delivery_status = 'DELIVERED', delivered_at = ?, updated_at = ? "
                        + "where id = ? and delivery_status is null", row.get("delivered_at") == null ? ts
                        : row.get("delivered_at"), ts, id);
                metrics.delivered();
            } else {
                jdbc.update("update fft_conversation set delivery_status = ?, updated_at = ? where id = ?",
                        status, ts, id);
                int ended = jdbc.update("""
                        update fft_conversation set state = 'ENDED', outcome = 'UNDELIVERED', ended_at = ?, wait_until = null
                        where id = ? and state = 'AWAITING_ANSWER'
                        """, ts, id);
                metrics.undelivered();
                if (ended == 1) {
                    log.info("FFT question {} could not be delivered ({}): conversation ended", id, status);
                }
            }
        }
        return rows.size();
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
