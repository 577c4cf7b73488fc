package org.handover.routes;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

import org.apache.camel.component.jms.DefaultJmsMessageListenerContainer;
import org.apache.camel.component.jms.JmsEndpoint;

/**
 * A channel consumer that commits its JMS transaction once for the envelopes it has at hand, up to a batch, instead
 * of once per envelope: each commit of a consumed message is a blocking round trip and a journal sync in Artemis.
 *
 * <p>Exactly once as the receiver sees it does not rest on this commit but on the ledger, which records every
 * attempt and its outcome before the batch commits. A batch rolled back (a ledger failure, a crash) comes back from
 * the broker; envelopes already recorded as sent are then skipped, one caught mid-send goes again with its
 * idempotency key. A failed attempt commits at once, with its dead-letter envelope, so that a later envelope's
 * rollback cannot take the dead letter back after the ledger recorded it.
 *
 * <p>Runs with local JMS transactions (no transaction manager): every consumer thread keeps its own session.
 */
public final class BatchCommittingListenerContainer extends DefaultJmsMessageListenerContainer {

    private static final ThreadLocal<Boolean> COMMIT_NOW = ThreadLocal.withInitial(() -> false);

    private final int maxBatch;
    private final ThreadLocal<Uncommitted> uncommitted = ThreadLocal.withInitial(Uncommitted::new);

    public BatchCommittingListenerContainer(JmsEndpoint endpoint, int maxBatch) {
        super(endpoint);
        if (maxBatch < 1) {
            throw new IllegalArgumentException("a batch holds at least one envelope");
        }
        this.maxBatch = maxBatch;
    }

    /** Asks the consumer running this thread's route to commit right after the envelope it is handling. */
    public static void commitAfterThisEnvelope() {
        COMMIT_NOW.set(true);
    }

    /** The next envelope already at hand joins the open batch; when there is none the batch commits before waiting. */
    @Override
    protected Message receiveMessage(MessageConsumer consumer) throws JMSException {
        Uncommitted open = uncommitted.get();
        if (open.count > 0) {
            Message next = consumer.receiveNoWait();
            if (next != null) {
                return next;
            }
            open.commit();
        }
        return super.receiveMessage(consumer);
    }

    @Override
    protected void commitIfNecessary(Session session, Message message) throws JMSException {
        boolean commitNow = COMMIT_NOW.get();
        COMMIT_NOW.remove();
        if (message == null || !session.getTransacted() || !isSessionLocallyTransacted(session)) {
            uncommitted.get().forget();
            super.commitIfNecessary(session, message);
            return;
        }
        Uncommitted open = uncommitted.get();
        open.add(session);
        if (commitNow || open.count >= maxBatch) {
            open.commit();
        }
    }

    @Override
    protected void rollbackIfNecessary(Session session) throws JMSException {
        COMMIT_NOW.remove();
        uncommitted.get().forget();
        super.rollbackIfNecessary(session);
    }

    @Override
    protected void rollbackOnExceptionIfNecessary(Session session, Throwable ex) throws JMSException {
        COMMIT_NOW.remove();
        uncommitted.get().forget();
        super.rollbackOnExceptionIfNecessary(session, ex);
    }

    /** The envelopes this consumer thread has handled but not yet committed, and the session they belong to. */
    private static final class Uncommitted {
        private Session session;
        private int count;

        void add(Session current) {
            if (session != current) {
                // A new session (after recovery): whatever the old one held is gone with it.
                session = current;
                count = 0;
            }
            count++;
        }

        void commit() throws JMSException {
            Session committing = session;
            forget();
            committing.commit();
        }

        void forget() {
            session = null;
            count = 0;
        }
    }
}
