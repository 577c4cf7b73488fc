package org.handover.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.handover.domain.SyntheticData;

/**
 * The mailboxes the simulated MESH knows: the trust's own and one per sandbox GP practice ({@code <ODS>OT001}).
 * Every mailbox is registered for every workflow, so endpoint lookup finds a practice's mailbox whatever the workflow.
 */
class MeshMailboxes {

    static final String GP_MAILBOX_SUFFIX = "OT001";

    record Mailbox(String id, String odsCode, String name, boolean trust) {
    }

    private final Mailbox trust;
    private final List<Mailbox> all;


    MeshMailboxes(String trustMailboxId) {
        String trustId = trustMailboxId.strip().toUpperCase(Locale.ROOT);
        this.trust = new Mailbox(trustId, odsOf(trustId), "Handover trust mailbox", true);
        List<Mailbox> mailboxes = new ArrayList<>();
        mailboxes.add(trust);
        for (String ods : SyntheticData.GP_PRACTICES) {
            String id = ods + GP_MAILBOX_SUFFIX;
            if (!id.equals(trustId)) {
                mailboxes.add(new Mailbox(id, ods, "GP practice " + ods + " (sandbox)", false));
            }
        }
        this.all = List.copyOf(mailboxes);
    }

    Mailbox trust() {
        return trust;
    }

    List<Mailbox> all() {
        return all;
    }

    Optional<Mailbox> find(String mailboxId) {
        if (mailboxId == null) {
            return Optional.empty();
        }
        String id = mailboxId.strip().toUpperCase(Locale.ROOT);
        return all.stream().filter(mailbox -> mailbox.id().equals(id)).findFirst();
    }

    /** The mailboxes of an organisation registered for a workflow (here: for every workflow). */
    List<Mailbox> lookup(String odsCode, String workflowId) {
        if (odsCode == null || workflowId == null || workflowId.isBlank()) {
            return List.of();
        }
        String ods = odsCode.strip().toUpperCase(Locale.ROOT);
        return all.stream().filter(mailbox -> mailbox.odsCode().equals(ods)).toList();
    }

    /** MESH mailbox ids are the organisation's ODS code followed by {@code OT} and a number. */
    private static String odsOf(String mailboxId) {
        return mailboxId.matches(".+OT\\d{3}") ? mailboxId.substring(0, mailboxId.length() - 5) : mailboxId;
    }
}
