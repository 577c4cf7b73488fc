package org.handover.referral;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.handover.audit.AuditLog;
import org.handover.fhir.FhirProblem;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores a new or resubmitted referral and hands it to the {@link ReferralWorkflow} in one transaction: either both
 * happen or neither, and the sender is answered only after the commit.
 */
@Service
class ReferralIntake {

    private final Referrals referrals;
    private final ObjectProvider<ReferralWorkflow> workflow;
    private final AuditLog audit;
    private final Clock clock;

    ReferralIntake(Referrals referrals, ObjectProvider<ReferralWorkflow> workflow, AuditLog audit, Clock clock) {
        this.referrals = referrals;
        this.workflow = workflow;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Stores the referral in state AWAITING_TRIAGE, starts its workflow and audits the change by {@code userId}, in
     * one transaction, and answers the referral as stored after the workflow's first steps. The insert comes first, so
     * a UBRN already stored ends it before anything else ran.
     *
     * @throws org.springframework.dao.DuplicateKeyException when the UBRN is already stored (also by a concurrent
     *         request)
     */
    @Transactional
    ReferralRecord receive(NewReferral referral, String userId) {
        ReferralWorkflow started = workflow();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ReferralRecord record = new ReferralRecord(UUID.randomUUID(), referral.ubrn(), referral.nhsNumber(),
                referral.patientName(), referral.patientBirthDate(), referral.patientMobile(), referral.patientAddress(),
                referral.practiceOds(), referral.referrerName(), referral.specialtyCode(), referral.specialtyDisplay(),
                referral.gpPriority(), referral.gpPriority(), referral.reason(), referral.clinicalInformation(),
                referral.attachments(), ReferralStates.AWAITING_TRIAGE, null, null, null, null, null, 1, now, now,
                referral.resourceJson());
        referrals.insert(record);
        Optional<ReferralRecord> routed = started.start(record);
        audit.changedWith(userId, record.resourceName(), record.nhsNumber(),
                "Referral received over FHIR, UBRN " + record.ubrn());
        // The workflow ran in this transaction: routing may have changed priority, team and version.
        return routed.orElseGet(() -> referrals.findById(record.id()).orElse(record));
    }

    /**
     * The referrer's resubmission with further information: new reason, clinical information and attachments; the
     * GP's priority may go up (never down: the current priority is the higher of the two); state back to
     * AWAITING_TRIAGE; then the workflow is told.
     *
     * @throws FhirProblem 412 when {@code expectedVersion} is stale, 409 when the referral is not waiting for
     *         information
     */
    @Transactional
    ReferralRecord resubmit(ReferralRecord current, int expectedVersion, NewReferral resubmitted) {
        ReferralWorkflow notified = workflow();
        if (current.version() != expectedVersion) {
            throw stale(current);
        }
        if (!ReferralStates.REFERRER_TO_SUBMIT_FURTHER_INFORMATION.equals(current.state())) {
            throw FhirProblem.answer(409, IssueType.BUSINESSRULE, "This referral is in state " + current.state()
                    + ": a ServiceRequest can only be updated to resubmit it with the further information asked for, "
                    + "while it is in state " + ReferralStates.REFERRER_TO_SUBMIT_FURTHER_INFORMATION, "ServiceRequest");
        }
        ReferralPriority priority = ReferralPriority.highest(current.priority(), resubmitted.gpPriority());
        boolean updated = referrals.resubmitted(current.id(), expectedVersion, resubmitted.reason(),
                resubmitted.clinicalInformation(), resubmitted.attachments(), resubmitted.gpPriority(), priority,
                ReferralStates.AWAITING_TRIAGE, resubmitted.resourceJson(), clock.instant());
        if (!updated) {
            throw stale(current);
        }
        ReferralRecord record = referrals.findById(current.id()).orElseThrow();
        notified.furtherInformationReceived(record);
        return record;
    }

    Optional<ReferralRecord> find(UUID id) {
        return referrals.findById(id);
    }

    private static FhirProblem stale(ReferralRecord current) {
        return FhirProblem.answer(412, IssueType.CONFLICT, "The referral has changed since the version in If-Match: "
                + "read it again (GET " + current.resourcePath() + ") and resubmit against its current ETag",
                "ServiceRequest");
    }

    private ReferralWorkflow workflow() {
        ReferralWorkflow available = workflow.getIfAvailable();
        if (available == null) {
            throw FhirProblem.answer(503, IssueType.TRANSIENT,
                    "Referrals cannot be taken yet: the referral workflow is not deployed", "ServiceRequest");
        }
        return available;
    }
}
