package org.handover.routes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.handover.routes.delivery.DeliveryAttempts;
import org.handover.routes.delivery.OutboundMessage;

/** A ledger that answers as told and remembers what it was told. */
public final class RecordingAttempts implements DeliveryAttempts {

    public record Success(OutboundMessage message, String remoteId) {
    }

    public record Failure(OutboundMessage message, String code, String text) {
    }

    public final List<OutboundMessage> begun = new CopyOnWriteArrayList<>();
    public final List<Success> succeeded = new CopyOnWriteArrayList<>();
    public final List<Failure> failed = new CopyOnWriteArrayList<>();
    public volatile Go go = Go.SEND;
    public volatile AfterFailure afterFailure = AfterFailure.RETRY_SCHEDULED;
    public volatile RuntimeException beginFailure;

    @Override
    public Go begin(OutboundMessage message) {
        begun.add(message);
        if (beginFailure != null) {
            throw beginFailure;
        }
        return go;
    }

    @Override
    public void succeeded(OutboundMessage message, String remoteId) {
        succeeded.add(new Success(message, remoteId));
    }

    @Override
    public AfterFailure failed(OutboundMessage message, String errorCode, String errorText) {
        failed.add(new Failure(message, errorCode, errorText));
        return afterFailure;
    }
}
