package org.handover.chc;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param icbName            the ICB CHC team, as letters name it
 * @param icbChannel         how the ICB CHC team receives referrals besides its Tasklist group: {@code social-care}
 *                           (secure mail) or {@code gp} (MESH)
 * @param icbRecipient       its mail address or MESH mailbox
 * @param icbContact         how a patient contacts the team, printed in letters
 * @param gpWorkflowId       MESH workflow id of the letters' copies for the GP practice: the practice's mailbox is
 *                           found by endpoint lookup for it, and the copy is sent under it
 * @param gpLookupRetry      the wait after a failed endpoint lookup, doubled after each further failure
 * @param gpLookupMaxRetry   the longest wait between endpoint lookups of a copy while MESH does not answer
 * @param meshWorkflowId     MESH workflow id of the referral to the ICB, when it goes by MESH
 * @param councilMailPattern secure mail address of a council's continuing care team, {council} replaced by its code
 *                           in lower case
 * @param zone               the local time letters and deadlines are written in
 */
@ConfigurationProperties("handover.chc")
record ChcSettings(String icbName, String icbChannel, String icbRecipient, String icbContact, String gpWorkflowId,
        Duration gpLookupRetry, Duration gpLookupMaxRetry, String meshWorkflowId, String councilMailPattern,
        ZoneId zone) {

    String councilMail(String councilCode) {
        return councilMailPattern.replace("{council}", councilCode.toLowerCase(Locale.ROOT));
    }
}
