package org.handover.routes.delivery;

import java.util.Arrays;

/** An outbound channel: each has its own Artemis queue and Camel route. */
public enum Channel {
    /** GP practices, over MESH. */
    GP("gp"),
    /** Council social care teams, by secure email. */
    SOCIAL_CARE("social-care"),
    /** Patients' mobile phones, over SMPP. */
    SMS("sms");

    private final String id;

    Channel(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The Artemis queue the outbox relay feeds and the channel's route consumes. */
    public String queue() {
        return id;
    }

    public static Channel fromId(String id) {
        return Arrays.stream(values())
                .filter(channel -> channel.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown channel: " + id));
    }
}
