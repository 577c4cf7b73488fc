package org.handover.chc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.handover.chc.GpCopies.GpCopy;
import org.handover.chc.GpCopies.Status;
import org.handover.messaging.Outbox;
import org.handover.messaging.Outbox.OutboxEntry;
import org.handover.routes.delivery.Channel;
import org.handover.system.BackgroundWorker;
import org.handover.transfer.GpMailboxDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends a letter's copy to the patient's GP practice once its MESH mailbox is known. The letter's step only records
 * the copy as waiting ({@link #sendLater}); after that step commits, this looks the mailbox up (MESH endpoint lookup
 * for {@code handover.chc.gp-workflow-id}, cached) outside any process transaction, then in one transaction writes the
 * copy to the outbox or, when the practice has no mailbox for the workflow, marks it for printing and posting. While
 * the lookup fails (MESH unreachable) the copy waits and is tried again with backoff: the user's step never fails for
 * it and the copy is not lost. Several nodes may look at the same copy; only one settles it.
 */
@Component
class GpCopySender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GpCopySender.class);
    private static final int BATCH = 20;

    private final GpCopies copies;
    private final GpMailboxDirectory mailboxes;
    private final ChcCases cases;
    private final ChcPaperwork paperwork;
    private final ChcMessages messages;
    private final Outbox outbox;
    private final ChcSettings settings;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final BackgroundWorker worker;

    GpCopySender(GpCopies copies, GpMailboxDirectory mailboxes, ChcCases cases, ChcPaperwork paperwork,
            ChcMessages messages, Outbox outbox, ChcSettings settings, TransactionTemplate transaction, Clock clock) {
        this.copies = copies;
        this.mailboxes = mailboxes;
        this.cases = cases;
        this.paperwork = paperwork;
        this.messages = messages;
        this.outbox = outbox;
        this.settings = settings;
        this.transaction = transaction;
        this.clock = clock;
        this.worker = new BackgroundWorker("chc-gp-copies", 1, BATCH, pollInterval(settings.gpLookupRetry()),
                Duration.ZERO, this::sendDue);
    }

    /** In the letter's transaction: the copy of the case's document waits for the practice's mailbox. */
    void sendLater(ChcCase c, String letterType, String messageId, String documentId) {
        copies.waiting(messageId, c.id(), letterType, documentId, c.gpPracticeOds(), settings.gpWorkflowId(),
                clock.instant());
        worker.wakeUpAfterCommit();
    }

    /** Looks up and settles the copies that are due; returns how many it took. */
    int sendDue() {
        List<GpCopy> due = copies.due(clock.instant(), BATCH);
        due.forEach(this::send);
        return due.size();
    }

    private void send(GpCopy copy) {
        try {
            Optional<String> mailbox = mailboxes.mailbox(copy.odsCode(), copy.workflowId());
            transaction.executeWithoutResult(status -> settle(copy, mailbox));
        } catch (RuntimeException e) {
            failed(copy, e);
        }
    }

    private void settle(GpCopy copy, Optional<String> mailbox) {
        Instant now = clock.instant();
        if (!copies.settle(copy.messageId(), mailbox.isPresent() ? Status.SENT : Status.TO_POST, mailbox.orElse(null),
                now)) {
            return;
        }
        ChcCase c = cases.get(copy.caseId());
        ChcCases.Document letter = cases.document(c.id(), copy.documentId()).orElseThrow();
        if (mailbox.isEmpty()) {
            cases.event(c.id(), ChcCases.LETTER_TO_POST, null, "Copy of \"" + letter.title() + "\" for GP practice "
                    + copy.odsCode() + " to print and post: the practice has no MESH mailbox for "
                    + copy.workflowId() + " (MESH endpoint lookup)", null);
            return;
        }
        byte[] pdf = cases.pdf(c.id(), letter.id()).orElseThrow();
        outbox.send(new OutboxEntry(copy.messageId(), Channel.GP, mailbox.get(), copy.letterType(), c.id(),
                messages.fhirMessage(c, copy.letterType(), letter.title(),
                        paperwork.copyCover(c, letter.title(), "the GP practice"), pdf, letter.fileName(),
                        copy.odsCode()),
                ChcMessages.meshAttributes(copy.workflowId(), letter.title(), c)));
        cases.event(c.id(), "LETTER", null, "Copy of \"" + letter.title() + "\" sent to GP practice "
                + copy.odsCode() + " over MESH (" + mailbox.get() + ")", null);
    }

    private void failed(GpCopy copy, RuntimeException e) {
        int failures = copy.failedAttempts() + 1;
        Duration wait = backoff(failures);
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        transaction.executeWithoutResult(status -> {
            copies.failed(copy.messageId(), error, clock.instant().plus(wait));
            if (failures == 1) {
                String title = cases.document(copy.caseId(), copy.documentId()).map(ChcCases.Document::title)
                        .orElse(copy.letterType());
                cases.event(copy.caseId(), "LETTER_WAITING", null, "Copy of \"" + title + "\" for GP practice "
                        + copy.odsCode() + " not sent yet: " + error + ". Tried again until MESH answers.", null);
            }
        });
        log.warn("CHC letter copy {} for GP practice {} not sent (attempt {}), again in {}: {}", copy.messageId(),
                copy.odsCode(), failures, wait, error);
    }

    Duration backoff(int failures) {
        Duration wait = settings.gpLookupRetry().multipliedBy(1L << Math.min(failures - 1, 20));
        return wait.compareTo(settings.gpLookupMaxRetry()) > 0 ? settings.gpLookupMaxRetry() : wait;
    }

    /** Due retries are found by polling: as often as the first retry, within one second and one minute. */
    private static Duration pollInterval(Duration firstRetry) {
        Duration oneSecond = Duration.ofSeconds(1);
        Duration oneMinute = Duration.ofMinutes(1);
        return firstRetry.compareTo(oneSecond) < 0 ? oneSecond : firstRetry.compareTo(oneMinute) > 0 ? oneMinute
                : firstRetry;
    }

    @Override
    public void start() {
        worker.start();
    }

    @Override
    public void stop() {
        worker.stop();
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }

    /** Start after the database and Camunda, stop before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
