package org.handover.socialcare;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.handover.rules.discharge.AcknowledgementDeadline;

/**
 * A council's social care team as Handover reaches it.
 *
 * @param code                 e.g. "LA-STOCKPORT"; also names its Tasklist group, {@link #socialCareGroup()}
 * @param address              an email address (SMTP) or a MESH mailbox id (MESH)
 * @param meshWorkflowId       MESH workflow id of notices (MESH only)
 * @param deadlineHours        hours the council has to acknowledge (48)
 * @param weekendDeadlineHours hours when those reach into a weekend (72)
 * @param allowedFields        what its sharing agreement allows beyond the always-sent identity and pathway
 */
public record Council(String code, String name, CouncilChannel channel, String address, String meshWorkflowId,
        int deadlineHours, int weekendDeadlineHours, List<NoticeField> allowedFields) {

    public Council {
        if (code == null || !code.matches("[A-Z0-9][A-Z0-9-]{1,40}")) {
            throw new IllegalArgumentException("A council code is 2-41 capital letters, digits or '-', e.g. LA-LEEDS"
                    + (code == null ? "" : ", not '" + code + "'"));
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Council " + code + " needs a name");
        }
        Objects.requireNonNull(channel, () -> "Council " + code + " needs a channel: SMTP or MESH");
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("Council " + code + " needs an address (email address or MESH mailbox)");
        }
        address = address.strip();
        if (channel == CouncilChannel.SMTP && !address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new IllegalArgumentException("Council " + code + ": '" + address + "' is not an email address");
        }
        if (channel == CouncilChannel.MESH) {
            if (!address.matches("[A-Z0-9]{3,20}")) {
                throw new IllegalArgumentException("Council " + code + ": '" + address
                        + "' is not a MESH mailbox id (capital letters and digits)");
            }
            if (meshWorkflowId == null || meshWorkflowId.isBlank()) {
                throw new IllegalArgumentException("Council " + code + " uses MESH and needs a meshWorkflowId");
            }
        }
        new AcknowledgementDeadline(deadlineHours, weekendDeadlineHours);
        allowedFields = allowedFields == null ? List.of() : List.copyOf(allowedFields);
    }

    /** The Tasklist group of this council's social care team, e.g. "social-care-la-stockport". */
    public String socialCareGroup() {
        return "social-care-" + code.toLowerCase(Locale.ROOT);
    }

    public AcknowledgementDeadline deadline() {
        return new AcknowledgementDeadline(deadlineHours, weekendDeadlineHours);
    }

    public boolean allows(NoticeField field) {
        return allowedFields.contains(field);
    }
}
