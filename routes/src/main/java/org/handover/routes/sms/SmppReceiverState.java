package org.handover.routes.sms;

import java.util.Optional;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.Session;
import org.jsmpp.session.SessionStateListener;

/**
 * The state of the SMPP receiver session as camel-smpp changes it (bound, unbound, closed while it reconnects): how
 * the SMS channel's health is read, without opening a connection of its own to the message centre (a bare connection
 * that never binds is what a message centre logs and drops as a failed bind).
 */
public final class SmppReceiverState implements SessionStateListener {

    private Session current;
    private volatile SessionState state;

    @Override
    public synchronized void onStateChange(SessionState newState, SessionState oldState, Session source) {
        // a session closing after its successor bound says nothing about the successor
        if (newState.isBound() || current == null || current == source) {
            current = source;
            state = newState;
        }
    }

    /** The receiver session's last state; empty before the receiver first tried to bind. */
    public Optional<SessionState> state() {
        return Optional.ofNullable(state);
    }

    /** Bound to receive: receipts and replies can come in. */
    public boolean bound() {
        SessionState now = state;
        return now != null && now.isBound() && now.isReceivable();
    }
}
