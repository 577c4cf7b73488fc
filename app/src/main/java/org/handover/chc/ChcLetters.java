package org.handover.chc;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.handover.domain.NhsNumber;
import org.handover.messaging.Outbox;
import org.handover.messaging.Outbox.OutboxEntry;
import org.handover.routes.delivery.Channel;
import org.handover.routes.delivery.OutboundMessage;
import org.handover.routes.mail.MailContent;
import org.handover.socialcare.Council;
import org.handover.socialcare.CouncilChannel;
import org.handover.socialcare.CouncilDirectory;
import org.springframework.stereotype.Component;

/**
 * Sends a case's letters through the outbox, in the process step's transaction: to the patient and the advocate by
 * secure mail when they gave an address (otherwise the letter is marked for printing and posting), to the council over
 * the channel its social care team has in the council directory (secure mail with the PDF attached, or MESH), and to
 * the GP practice as a FHIR message over MESH with the PDF in a DocumentReference, once {@link GpCopySender} has found
 * the practice's mailbox, after this transaction. Ids are derived from the case and the letter, so a repeated step
 * sends nothing twice.
 */
@Component
class ChcLetters {

    private final Outbox outbox;
    private final ChcCases cases;
    private final ChcSettings settings;
    private final ChcPaperwork paperwork;
    private final ChcMessages messages;
    private final GpCopySender gpCopies;
    private final CouncilDirectory councils;

    ChcLetters(Outbox outbox, ChcCases cases, ChcSettings settings, ChcPaperwork paperwork, ChcMessages messages,
            GpCopySender gpCopies, CouncilDirectory councils) {
        this.outbox = outbox;
        this.councils = councils;
        this.cases = cases;
        this.settings = settings;
        this.paperwork = paperwork;
        this.messages = messages;
        this.gpCopies = gpCopies;
    }

    /**
     * Stores the letter as a document of the case and sends it to the patient, advocate, GP and council.
     *
     * @param type message type, e.g. "ChcDecisionLetter"; also the MESH event code
     */
    void sendToEveryone(ChcCase c, String type, ChcPaperwork.Letter letter) {
        String fileName = type + "-" + c.id() + ".pdf";
        String documentId = cases.document(c.id(), type, letter.title(), fileName, letter.pdf());
        toPerson(c, type, "patient", c.patientEmail(), c.patientName(), letter, fileName);
        if (c.advocateName() != null) {
            toPerson(c, type, "advocate", c.advocateEmail(), c.advocateName(), letter, fileName);
        }
        gpCopies.sendLater(c, type, id(c, type, "gp"), documentId);
        toCouncil(c, type, letter, fileName);
    }

    /** The referral to the ICB CHC team over its configured channel, with the Checklist (or Fast Track) PDF. */
    void referToIcb(ChcCase c, String type, String title, String text, byte[] pdf) {
        String fileName = type + "-" + c.id() + ".pdf";
        if (Channel.GP.id().equals(settings.icbChannel())) {
            outbox.send(new OutboxEntry(id(c, type, "icb"), Channel.GP, settings.icbRecipient(), type, c.id(),
                    messages.fhirMessage(c, type, title, text, pdf, fileName, settings.icbRecipient()),
                    ChcMessages.meshAttributes(settings.meshWorkflowId(), title, c)));
        } else {
            outbox.send(mail(id(c, type, "icb"), settings.icbRecipient(), type, c, title, text, pdf, fileName));
        }
        cases.event(c.id(), "REFERRED", null, title + " sent to " + settings.icbName() + " (" + settings.icbChannel()
                + ")", null);
    }

    private void toPerson(ChcCase c, String type, String role, String email, String name, ChcPaperwork.Letter letter,
            String fileName) {
        if (email == null || email.isBlank()) {
            cases.event(c.id(), ChcCases.LETTER_TO_POST, null, "\"" + letter.title() + "\" for " + name + " (" + role
                    + ") to print and post: no email address given", null);
            return;
        }
        outbox.send(mail(id(c, type, role), email, type, c, letter.title(), letter.text(), letter.pdf(),
                fileName));
        cases.event(c.id(), "LETTER", null, "\"" + letter.title() + "\" sent to " + name + " (" + role + ") by mail",
                null);
    }

    private void toCouncil(ChcCase c, String type, ChcPaperwork.Letter letter, String fileName) {
        if (c.councilCode() == null || c.councilCode().isBlank()) {
            cases.event(c.id(), ChcCases.LETTER_TO_POST, null, "Copy of \"" + letter.title() + "\" for the council"
                    + " not sent: no council recorded for the patient", null);
            return;
        }
        String cover = paperwork.copyCover(c, letter.title(), "the council's social care team");
        Optional<Council> council = councils.council(c.councilCode());
        if (council.isPresent() && council.get().channel() == CouncilChannel.MESH) {
            String mailbox = council.get().address();
            outbox.send(new OutboxEntry(id(c, type, "council"), Channel.GP, mailbox, type, c.id(),
                    messages.fhirMessage(c, type, letter.title(), cover, letter.pdf(), fileName, c.councilCode()),
                    ChcMessages.meshAttributes(council.get().meshWorkflowId(), letter.title(), c)));
            cases.event(c.id(), "LETTER", null, "Copy of \"" + letter.title() + "\" sent to " + council.get().name()
                    + " over MESH (" + mailbox + ")", null);
            return;
        }
        // A council missing from the directory still gets its copy, at the address the trust's pattern gives.
        String address = council.map(Council::address).orElseGet(() -> settings.councilMail(c.councilCode()));
        outbox.send(mail(id(c, type, "council"), address, type, c, letter.title(), cover + "\n\n" + letter.text(),
                letter.pdf(), fileName));
        cases.event(c.id(), "LETTER", null, "Copy of \"" + letter.title() + "\" sent to "
                + council.map(Council::name).orElse("council " + c.councilCode()) + " by secure mail (" + address
                + ")", null);
    }

    /** The same case, letter and recipient always give the same message id, so the outbox keeps one. */
    static String id(ChcCase c, String type, String role) {
        return UUID.nameUUIDFromBytes((c.id() + ":" + type + ":" + role).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static OutboxEntry mail(String id, String to, String type, ChcCase c, String title, String text, byte[] pdf,
            String fileName) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put(MailContent.FORMAT_ATTRIBUTE, MailContent.FORMAT);
        attributes.put(OutboundMessage.SUBJECT, title + " (NHS number " + NhsNumber.of(c.nhsNumber()).masked() + ")");
        return new OutboxEntry(id, Channel.SOCIAL_CARE, to, type, c.id(),
                new MailContent(text, List.of(new MailContent.Attachment(fileName, ChcMessages.PDF, pdf))).write(),
                attributes);
    }
}
