package org.handover.chc;

import java.time.ZoneId;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param icbName            the ICB CHC team, as letters name it
 * @param icbChannel         how the ICB CHC team receives referrals besides its Tasklist group: {@code social-care}
 *                           (secure mail) or {@code gp} (MESH)
 * @param icbRecipient       its mail address or MESH mailbox
 * @param icbContact         how a patient contacts the team, printed in letters
 * @param gpMailboxPattern   MESH mailbox of a GP practice, {ods} replaced by its ODS code
 * @param meshWorkflowId     MESH workflow id of CHC messages
 * @param councilMailPattern secure mail address of a council's continuing care team, {council} replaced by its code
 *                           in lower case
 * @param zone               the local time letters and deadlines are written in
 */
@ConfigurationProperties("handover.chc")
record ChcSettings(String icbName, String icbChannel, String icbRecipient, String icbContact, String gpMailboxPattern,
        String meshWorkflowId, String councilMailPattern, ZoneId zone) {

    String gpMailbox(String ods) {
        return gpMailboxPattern.replace("{ods}", ods.toUpperCase(Locale.ROOT));
    }

    String councilMail(String councilCode) {
        return councilMailPattern.replace("{council}", councilCode.toLowerCase(Locale.ROOT));
    }
}
