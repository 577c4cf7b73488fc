package org.handover.messaging;

import static org.handover.processes.delivery.DeliveryFailedProcess.Variables.*;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.handover.domain.Masking;
import org.handover.processes.delivery.DeliveryFailedProcess;
import org.handover.routes.delivery.DeadLetters;
import org.handover.routes.delivery.OutboundMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Opens one "Delivery failed" task per dead-lettered message, for the communications administrators. */
@Component
class DeadLetterTasks implements DeadLetters {

    /** A dead letter is somebody's care waiting: it should be looked at the same working day. */
    private static final Duration TIME_TO_RESOLVE = Duration.ofHours(4);

    private final RuntimeService runtimeService;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    DeadLetterTasks(RuntimeService runtimeService, JdbcTemplate jdbc, Clock clock) {
        this.runtimeService = runtimeService;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void deadLettered(OutboundMessage message) {
        boolean alreadyOpen = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(DeliveryFailedProcess.KEY)
                .processInstanceBusinessKey(message.id())
                .active()
                .count() > 0;
        if (alreadyOpen) {
            return;
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(MESSAGE_ID, message.id());
        variables.put(CHANNEL, message.channel().id());
        variables.put(RECIPIENT, Masking.maskTail(message.recipient()));
        variables.put(MESSAGE_TYPE, message.type());
        variables.put(CORRELATION_KEY, message.correlationKey());
        jdbc.query("select attempts, last_error from outbox_message where id = ?", row -> {
            variables.put(ATTEMPTS, row.getInt("attempts"));
            variables.put(LAST_ERROR, Masking.maskNhsNumbers(row.getString("last_error")));
        }, message.id());
        variables.put(DUE_DATE, Date.from(clock.instant().plus(TIME_TO_RESOLVE)));
        runtimeService.startProcessInstanceByKey(DeliveryFailedProcess.KEY, message.id(), variables);
    }
}
