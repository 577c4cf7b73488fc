package org.handover.fft;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.handover.domain.Masking;
import org.handover.encounter.EncounterEnded;
import org.handover.rules.fft.EligibilityDecision;
import org.handover.rules.fft.FftCandidate;
import org.handover.rules.fft.FftEligibility;
import org.handover.rules.fft.SendingHours;
import org.handover.rules.fft.UkMobile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts the Friends and Family Test for an ended encounter: the eligibility rules decide, and the encounter is
 * stored either as skipped (with every reason) or as a conversation scheduled for the first moment within sending
 * hours after the delay. Once per encounter id: a repeat returns what the first one decided.
 */
@Service
class FftConversations {

    private static final Logger log = LoggerFactory.getLogger(FftConversations.class);

    /** What was decided for an encounter. */
    record Started(String conversationId, String encounterId, boolean created, String state, String skipReason,
            String decision, Instant sendAt) {
    }

    private final JdbcTemplate jdbc;
    private final FftEligibility eligibility;
    private final SendingHours sendingHours;
    private final FftProperties properties;
    private final FftMetrics metrics;
    private final Clock clock;

    FftConversations(JdbcTemplate jdbc, FftEligibility eligibility, SendingHours sendingHours,
            FftProperties properties, FftMetrics metrics, Clock clock) {
        this.jdbc = jdbc;
        this.eligibility = eligibility;
        this.sendingHours = sendingHours;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Transactional
    public Started start(EncounterEnded encounter, String source) {
        Optional<Started> existing = find(encounter.encounterId());
        if (existing.isPresent()) {
            return existing.get();
        }
        Instant now = clock.instant();
        String mobile = UkMobile.normalise(encounter.mobile()).orElse(encounter.mobile());
        LocalDate endedOn = encounter.endedAt().atZone(properties.zone()).toLocalDate();
        FftCandidate candidate = new FftCandidate(encounter.encounterId(),
                encounter.setting() == null ? null : encounter.setting().name(),
                FftCandidate.ageOn(encounter.birthDate(), endedOn), encounter.diedInHospital(),
                encounter.clinicalCodes(), mobile, isOptedOut(mobile),
                daysSinceLastAsked(encounter.nhsNumber(), mobile, encounter.endedAt()));
        EligibilityDecision decision = eligibility.decide(candidate);
        String id = UUID.randomUUID().toString();
        Instant sendAt = decision.ask() ? sendingHours.sendAt(encounter.endedAt()) : null;
        String state = decision.ask() ? ConversationState.SCHEDULED.name() : ConversationState.SKIPPED.name();
        int inserted = jdbc.update("""
                insert into fft_conversation (id, encounter_id, source, nhs_number, mobile, setting, organisation_code,
                    site_code, ward, specialty, encounter_ended_at, state, skip_reason, decision, rules_fired, send_at,
                    created_at, updated_at)
                select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                where not exists (select 1 from fft_conversation where encounter_id = ?)
                """, id, encounter.encounterId(), source, encounter.nhsNumber(), truncate(mobile, 32),
                candidate.setting() == null ? "UNKNOWN" : candidate.setting(), properties.organisationCode(),
                encounter.siteCode(), encounter.ward(), encounter.specialty(), Timestamp.from(encounter.endedAt()),
                state, decision.reason() == null ? null : decision.reason().name(), truncate(decision.explanation(), 2000),
                truncate(String.join(",", decision.rulesFired()), 1000), sendAt == null ? null : Timestamp.from(sendAt),
                Timestamp.from(now), Timestamp.from(now), encounter.encounterId());
        if (inserted == 0) {
            return find(encounter.encounterId()).orElseThrow();
        }
        if (decision.ask()) {
            log.debug("FFT for encounter {} scheduled for {} ({})", encounter.encounterId(), sendAt,
                    Masking.maskTail(mobile));
        } else {
            metrics.skipped(decision.reason());
            log.debug("FFT for encounter {} skipped: {}", encounter.encounterId(), decision.reason());
        }
        return new Started(id, encounter.encounterId(), true, state,
                decision.reason() == null ? null : decision.reason().name(), decision.explanation(), sendAt);
    }

    /** From an after-commit listener: the publisher's transaction is over, so this needs one of its own. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Started startInNewTransaction(EncounterEnded encounter, String source) {
        return start(encounter, source);
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean cancelInNewTransaction(String encounterId) {
        return cancel(encounterId);
    }

    /** A cancelled discharge must not be followed by a feedback text: withdraws it if not yet sent. */
    @Transactional
    public boolean cancel(String encounterId) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.update("""
                update fft_conversation set state = 'ENDED', outcome = 'CANCELLED', ended_at = ?, updated_at = ?
                where encounter_id = ? and state = 'SCHEDULED'
                """, now, now, encounterId) == 1;
    }

    Optional<Started> find(String encounterId) {
        return jdbc.query("""
                select id, encounter_id, state, skip_reason, decision, send_at from fft_conversation where encounter_id = ?
                """, (rs, n) -> new Started(rs.getString("id"), rs.getString("encounter_id"), false,
                rs.getString("state"), rs.getString("skip_reason"), rs.getString("decision"),
                rs.getTimestamp("send_at") == null ? null : rs.getTimestamp("send_at").toInstant()), encounterId)
                .stream().findFirst();
    }

    boolean isOptedOut(String mobile) {
        return mobile != null && jdbc.queryForObject("select count(*) from fft_opt_out where mobile = ?",
                Integer.class, mobile) > 0;
    }

    /**
     * Whole days from the last time this patient (by NHS number or mobile) was asked, or is scheduled to be, to
     * {@code at}; a conversation still scheduled counts as asked (0 days), so two encounters a day apart get one text.
     */
    Integer daysSinceLastAsked(String nhsNumber, String mobile, Instant at) {
        Timestamp last = jdbc.queryForObject("""
                select max(coalesce(asked_at, send_at)) from fft_conversation
                where (nhs_number = ? or mobile = ?) and state <> 'SKIPPED' and coalesce(outcome, '') <> 'CANCELLED'
                """, Timestamp.class, nhsNumber, mobile);
        if (last == null) {
            return null;
        }
        Duration since = Duration.between(last.toInstant(), at);
        return since.isNegative() ? 0 : (int) since.toDays();
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
