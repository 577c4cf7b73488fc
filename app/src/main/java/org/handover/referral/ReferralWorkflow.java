package org.handover.referral;

import java.util.Optional;

/**
 * What happens to a referral once it is stored: implemented with the Camunda referral triage process. Both methods
 * run inside the intake's transaction, so a failure here rolls the intake back and the sender gets an error instead
 * of an acknowledgement.
 */
public interface ReferralWorkflow {

    /**
     * A new referral was stored in state AWAITING_TRIAGE: start its process (business key = UBRN).
     *
     * @return the referral as its row reads after the process's first steps (routing changes team, priority and
     *         version), or empty when the workflow cannot tell without reading it
     */
    Optional<ReferralRecord> start(ReferralRecord referral);

    /**
     * The referrer resubmitted a referral that was waiting for further information (state was
     * REFERRER_TO_SUBMIT_FURTHER_INFORMATION; the intake has stored the new clinical information and attachments and
     * set the state back to AWAITING_TRIAGE): let the waiting process go on.
     */
    void furtherInformationReceived(ReferralRecord referral);
}
