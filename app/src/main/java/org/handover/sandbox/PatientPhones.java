package org.handover.sandbox;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Replies typed on a sandbox phone go back through the network the texts come by. */
@SandboxOnly
@Component
class PatientPhones implements SandboxPhones {

    private final MessageCentre messageCentre;
    private final NotifySimulator notify;
    private final boolean throughNotify;

    PatientPhones(MessageCentre messageCentre, NotifySimulator notify,
            @Value("${handover.sms.provider:smpp}") String smsProvider) {
        this.messageCentre = messageCentre;
        this.notify = notify;
        this.throughNotify = "notify".equals(smsProvider);
    }

    @Override
    public String reply(String phone, String text) {
        return throughNotify ? notify.queueReply(phone, text) : messageCentre.queueReply(phone, text);
    }

    /** Whether a reply reaches Handover now: Notify calls back at once; SMPP needs Handover's receiver bound. */
    boolean handoverListening() {
        return throughNotify || messageCentre.boundSessions().stream().anyMatch(bound -> bound.bindType().isReceivable());
    }
}
