package org.handover.processes.delivery;

/** Contract of the "Delivery failed" process: a person decides what happens to a dead-lettered message. */
public final class DeliveryFailedProcess {

    public static final String KEY = "DeliveryFailed";
    public static final String RESOURCE = "processes/delivery-failed.bpmn";
    public static final String CANDIDATE_GROUP = "communications-admins";

    private DeliveryFailedProcess() {
    }

    public static final class Elements {
        public static final String START = "StartEvent_DeliveryFailed";
        public static final String RESOLVE = "UserTask_ResolveDeliveryFailure";
        public static final String RESOLUTION = "Gateway_Resolution";
        public static final String RETRY = "ServiceTask_RetryDelivery";
        public static final String ABANDON = "ServiceTask_AbandonDelivery";
        public static final String RETRIED = "EndEvent_DeliveryRetried";
        public static final String ABANDONED = "EndEvent_DeliveryAbandoned";

        private Elements() {
        }
    }

    public static final class Variables {
        /** The outbox message id, also the business key. */
        public static final String MESSAGE_ID = "messageId";
        public static final String CHANNEL = "channel";
        /** Masked: the task list is not the place for a full phone number or mail address. */
        public static final String RECIPIENT = "recipient";
        public static final String MESSAGE_TYPE = "messageType";
        public static final String CORRELATION_KEY = "correlationKey";
        public static final String ATTEMPTS = "attempts";
        public static final String LAST_ERROR = "lastError";
        public static final String DUE_DATE = "dueDate";
        /** Filled in by the person: "retry" or "abandon". */
        public static final String RESOLUTION = "resolution";
        /** Required when abandoning. */
        public static final String REASON = "reason";

        private Variables() {
        }
    }

    public static final class Resolutions {
        public static final String RETRY = "retry";
        public static final String ABANDON = "abandon";

        private Resolutions() {
        }
    }
}
