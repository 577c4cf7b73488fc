package org.handover.referral;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the referral process's delegates call to keep the referral's current state (as GET /fhir/r4/ServiceRequest
 * shows it) in step with the process. Every method finds the referral by UBRN (the business key), adds one to its
 * version (so a referrer holding an older ETag gets 412), joins the caller's transaction (the process step's), and throws
 * {@link IllegalStateException} when no referral has that UBRN.
 */
@Service
@Transactional
public class ReferralStates {

    /** Where every referral starts, and where a resubmission with further information puts it back. */
    public static final String AWAITING_TRIAGE = "AWAITING_TRIAGE";
    /** The only state in which the referrer may update (resubmit) the referral. */
    public static final String REFERRER_TO_SUBMIT_FURTHER_INFORMATION = "REFERRER_TO_SUBMIT_FURTHER_INFORMATION";

    /** e-RS referral states (https://fhir.nhs.uk/CodeSystem/eRS-ReferralState). */
    public static final Set<String> KNOWN = Set.of(AWAITING_TRIAGE, "TRIAGE_RESPONSE", "NOT_BOOKED", "BOOKED",
            "REJECTED", "PROVIDER_RESPONSE_REQUIRED", REFERRER_TO_SUBMIT_FURTHER_INFORMATION, "ENDED_CANCELLED",
            "ENDED_CLOSED", "ADVICE_CONVERTED");

    private final Referrals referrals;
    private final Clock clock;

    ReferralStates(Referrals referrals, Clock clock) {
        this.referrals = referrals;
        this.clock = clock;
    }

    /** @param state one of {@link #KNOWN}, e.g. NOT_BOOKED, TRIAGE_RESPONSE */
    public void state(String ubrn, String state) {
        update(ubrn, "state = ?", known(state));
    }

    /**
     * The routing rules' decision (also after a redirect), and the referral waiting for that team's triage: one update.
     *
     * @param priority routine, urgent, two-week-wait (any form {@link ReferralPriority#of} reads)
     * @return when, as stored in {@code updated_at}
     */
    public Instant routedForTriage(String ubrn, String triageTeam, String priority, String routingReason) {
        return update(ubrn, "triage_team = ?, priority = ?, routing_reason = ?, state = ?", triageTeam,
                ReferralPriority.of(priority).name(), routingReason, AWAITING_TRIAGE);
    }

    /** The consultant's triage outcome (e.g. accept, return, redirect, request-information), comment and new state. */
    public void triaged(String ubrn, String outcome, String comment, String state) {
        update(ubrn, "triage_outcome = ?, triage_comment = ?, state = ?", outcome, comment, known(state));
    }

    /** A priority set at triage (may raise or lower: a consultant's decision, not a rule's). */
    public void priority(String ubrn, String priority) {
        update(ubrn, "priority = ?", ReferralPriority.of(priority).name());
    }

    /** The first appointment was booked: state BOOKED. */
    public void booked(String ubrn, String clinic, LocalDateTime start, String location) {
        update(ubrn, "appointment_clinic = ?, appointment_start = ?, appointment_location = ?, state = ?", clinic, start,
                location, "BOOKED");
    }

    /** Answers the time written, to the microsecond the database keeps. */
    private Instant update(String ubrn, String assignments, Object... values) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (referrals.updateByUbrn(ubrn, assignments, now, values) != 1) {
            throw new IllegalStateException("No referral with UBRN " + ubrn);
        }
        return now;
    }

    private static String known(String state) {
        if (state == null || !KNOWN.contains(state)) {
            throw new IllegalArgumentException("Unknown e-RS referral state '" + state + "'");
        }
        return state;
    }
}
