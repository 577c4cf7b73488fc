package org.handover.fft;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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

        /** The same decision, as the answer to a repeat. */
        Started again() {
            return new Started(conversationId, encounterId, false, state, skipReason, decision, sendAt);
        }
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
        return startAll(List.of(encounter), source).get(0);
    }

    /**
     * Starts the FFT for several encounters in one transaction, each decided as {@link #start} would decide it alone
     * and in the order given (the second encounter of a patient sees the first one asked), with a few queries and one
     * rule unit instance for the lot. An encounter id given twice is started once.
     *
     * @return what was decided for each encounter, in the order given
     */
    @Transactional
    public List<Started> startAll(List<EncounterEnded> encounters, String source) {
        Map<String, Started> decided = new HashMap<>(findAll(encounters.stream().map(EncounterEnded::encounterId)
                .distinct().toList()));
        List<Candidate> fresh = new ArrayList<>();
        Set<String> freshIds = new HashSet<>();
        for (EncounterEnded encounter : encounters) {
            if (!decided.containsKey(encounter.encounterId()) && freshIds.add(encounter.encounterId())) {
                fresh.add(new Candidate(encounter, UkMobile.normalise(encounter.mobile()).orElse(encounter.mobile())));
            }
        }
        if (!fresh.isEmpty()) {
            decide(fresh);
            insert(fresh, source).forEach(started -> decided.put(started.encounterId(), started));
        }
        Set<String> reported = new HashSet<>();
        return encounters.stream().map(encounter -> {
            Started started = decided.get(encounter.encounterId());
            return reported.add(encounter.encounterId()) ? started : started.again();
        }).toList();
    }

    /** An encounter not seen before, on its way to a decision. */
    private static final class Candidate {
        final EncounterEnded encounter;
        final String mobile;
        FftCandidate facts;
        EligibilityDecision decision;
        Instant sendAt;

        Candidate(EncounterEnded encounter, String mobile) {
            this.encounter = encounter;
            this.mobile = mobile;
        }
    }

    /**
     * The rules for every candidate: those whose patient (NHS number or mobile) comes once in the batch in one rule
     * unit instance, then each later encounter of a patient alone, seeing the earlier ones' decisions.
     */
    private void decide(List<Candidate> fresh) {
        Set<String> optedOut = optedOut(fresh.stream().map(c -> c.mobile).filter(Objects::nonNull).distinct().toList());
        Map<String, Instant> lastAsked = lastAsked(fresh);
        Set<String> seen = new HashSet<>();
        List<Candidate> alone = new ArrayList<>();
        List<Candidate> together = new ArrayList<>();
        for (Candidate candidate : fresh) {
            boolean repeat = !seen.add(nhsKey(candidate)) | (candidate.mobile != null && !seen.add(mobileKey(candidate)));
            (repeat ? alone : together).add(candidate);
        }
        together.forEach(candidate -> candidate.facts = facts(candidate, optedOut, lastAsked));
        List<EligibilityDecision> decisions = eligibility.decideAll(together.stream().map(c -> c.facts).toList());
        for (int i = 0; i < together.size(); i++) {
            settle(together.get(i), decisions.get(i), lastAsked);
        }
        for (Candidate candidate : alone) {
            candidate.facts = facts(candidate, optedOut, lastAsked);
            settle(candidate, eligibility.decide(candidate.facts), lastAsked);
        }
    }

    private FftCandidate facts(Candidate candidate, Set<String> optedOut, Map<String, Instant> lastAsked) {
        EncounterEnded encounter = candidate.encounter;
        LocalDate endedOn = encounter.endedAt().atZone(properties.zone()).toLocalDate();
        Instant last = latest(lastAsked.get(nhsKey(candidate)),
                candidate.mobile == null ? null : lastAsked.get(mobileKey(candidate)));
        Integer daysSince = last == null ? null : Duration.between(last, encounter.endedAt()).isNegative() ? 0
                : (int) Duration.between(last, encounter.endedAt()).toDays();
        return new FftCandidate(encounter.encounterId(), encounter.setting() == null ? null : encounter.setting().name(),
                FftCandidate.ageOn(encounter.birthDate(), endedOn), encounter.diedInHospital(),
                encounter.clinicalCodes(), candidate.mobile, candidate.mobile != null && optedOut.contains(candidate.mobile),
                daysSince);
    }

    /** Keeps the decision; one asked counts as asked for the patient's later encounters in the batch. */
    private void settle(Candidate candidate, EligibilityDecision decision, Map<String, Instant> lastAsked) {
        candidate.decision = decision;
        if (decision.ask()) {
            candidate.sendAt = sendingHours.sendAt(candidate.encounter.endedAt());
            lastAsked.merge(nhsKey(candidate), candidate.sendAt, FftConversations::latest);
            if (candidate.mobile != null) {
                lastAsked.merge(mobileKey(candidate), candidate.sendAt, FftConversations::latest);
            }
        }
    }

    private List<Started> insert(List<Candidate> fresh, String source) {
        Timestamp now = Timestamp.from(clock.instant());
        List<String> ids = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (Candidate candidate : fresh) {
            EncounterEnded encounter = candidate.encounter;
            EligibilityDecision decision = candidate.decision;
            String id = UUID.randomUUID().toString();
            ids.add(id);
            rows.add(new Object[] {id, encounter.encounterId(), source, encounter.nhsNumber(),
                    truncate(candidate.mobile, 32), candidate.facts.setting() == null ? "UNKNOWN" : candidate.facts.setting(),
                    properties.organisationCode(), encounter.siteCode(), encounter.ward(), encounter.specialty(),
                    Timestamp.from(encounter.endedAt()), state(decision), reason(decision),
                    truncate(decision.explanation(), 2000), truncate(String.join(",", decision.rulesFired()), 1000),
                    candidate.sendAt == null ? null : Timestamp.from(candidate.sendAt), now, now, encounter.encounterId()});
        }
        int[] inserted = jdbc.batchUpdate("""
                insert into fft_conversation (id, encounter_id, source, nhs_number, mobile, setting, organisation_code,
                    site_code, ward, specialty, encounter_ended_at, state, skip_reason, decision, rules_fired, send_at,
                    created_at, updated_at)
                select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                where not exists (select 1 from fft_conversation where encounter_id = ?)
                """, rows);
        List<Started> started = new ArrayList<>();
        for (int i = 0; i < fresh.size(); i++) {
            Candidate candidate = fresh.get(i);
            if (inserted[i] == 0) {
                started.add(find(candidate.encounter.encounterId()).orElseThrow());
                continue;
            }
            if (candidate.decision.ask()) {
                log.debug("FFT for encounter {} scheduled for {} ({})", candidate.encounter.encounterId(),
                        candidate.sendAt, Masking.maskTail(candidate.mobile));
            } else {
                metrics.skipped(candidate.decision.reason());
                log.debug("FFT for encounter {} skipped: {}", candidate.encounter.encounterId(),
                        candidate.decision.reason());
            }
            started.add(new Started(ids.get(i), candidate.encounter.encounterId(), true, state(candidate.decision),
                    reason(candidate.decision), candidate.decision.explanation(), candidate.sendAt));
        }
        return started;
    }

    private static String state(EligibilityDecision decision) {
        return decision.ask() ? ConversationState.SCHEDULED.name() : ConversationState.SKIPPED.name();
    }

    private static String reason(EligibilityDecision decision) {
        return decision.reason() == null ? null : decision.reason().name();
    }

    /** Without an NHS number, a key of the encounter's own: it matches nothing else. */
    private static String nhsKey(Candidate candidate) {
        String nhsNumber = candidate.encounter.nhsNumber();
        return nhsNumber == null ? "e:" + candidate.encounter.encounterId() : "n:" + nhsNumber;
    }

    private static String mobileKey(Candidate candidate) {
        return "m:" + candidate.mobile;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
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
        return Optional.ofNullable(findAll(List.of(encounterId)).get(encounterId));
    }

    private Map<String, Started> findAll(List<String> encounterIds) {
        Map<String, Started> found = new HashMap<>();
        if (encounterIds.isEmpty()) {
            return found;
        }
        jdbc.query("""
                select id, encounter_id, state, skip_reason, decision, send_at from fft_conversation
                where encounter_id in (%s)
                """.formatted(placeholders(encounterIds.size())), rs -> {
            found.put(rs.getString("encounter_id"), new Started(rs.getString("id"), rs.getString("encounter_id"), false,
                    rs.getString("state"), rs.getString("skip_reason"), rs.getString("decision"),
                    rs.getTimestamp("send_at") == null ? null : rs.getTimestamp("send_at").toInstant()));
        }, encounterIds.toArray());
        return found;
    }

    boolean isOptedOut(String mobile) {
        return mobile != null && !optedOut(List.of(mobile)).isEmpty();
    }

    private Set<String> optedOut(List<String> mobiles) {
        if (mobiles.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.queryForList("select mobile from fft_opt_out where mobile in (%s)"
                .formatted(placeholders(mobiles.size())), String.class, mobiles.toArray()));
    }

    /**
     * The last time each patient (key "n:" + NHS number) and each mobile ("m:" + number) of the candidates was asked,
     * or is scheduled to be: a conversation still scheduled counts as asked, so two encounters a day apart get one
     * text.
     */
    private Map<String, Instant> lastAsked(List<Candidate> candidates) {
        List<String> nhsNumbers = candidates.stream().map(c -> c.encounter.nhsNumber()).distinct().toList();
        List<String> mobiles = candidates.stream().map(c -> c.mobile).filter(Objects::nonNull).distinct().toList();
        Map<String, Instant> last = new HashMap<>();
        String mobileCondition = mobiles.isEmpty() ? "" : " or mobile in (%s)".formatted(placeholders(mobiles.size()));
        jdbc.query("""
                select nhs_number, mobile, coalesce(asked_at, send_at) as last_asked from fft_conversation
                where (nhs_number in (%s)%s) and state <> 'SKIPPED' and coalesce(outcome, '') <> 'CANCELLED'
                """.formatted(placeholders(nhsNumbers.size()), mobileCondition), rs -> {
            Timestamp at = rs.getTimestamp("last_asked");
            if (at != null) {
                if (rs.getString("nhs_number") != null) {
                    last.merge("n:" + rs.getString("nhs_number"), at.toInstant(), FftConversations::latest);
                }
                if (rs.getString("mobile") != null) {
                    last.merge("m:" + rs.getString("mobile"), at.toInstant(), FftConversations::latest);
                }
            }
        }, java.util.stream.Stream.concat(nhsNumbers.stream(), mobiles.stream()).toArray());
        return last;
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
