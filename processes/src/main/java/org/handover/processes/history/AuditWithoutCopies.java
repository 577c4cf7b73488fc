package org.handover.processes.history;

import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.history.HistoryLevelAudit;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;

/**
 * Camunda's {@code audit} history, except that variables which only copy a record Handover keeps in its own tables
 * (the patient and referral details a form shows) get no history: audit would keep every one of them in
 * {@code ACT_HI_VARINST} for the process's whole history time to live, a second copy of personal data that nothing
 * reads. Decisions people take (outcomes, comments, priorities, assignees) keep their history as with audit. See
 * docs/decisions/0006-referral-intake-at-200-per-second.md.
 *
 * <p>It has audit's id (2): it records a subset of what audit records, so a database created at {@code audit} starts
 * with it, and going back to {@code audit} needs no change in the database.
 */
public class AuditWithoutCopies extends HistoryLevelAudit {

    public static final String NAME = "audit-without-copies";

    private static final Set<HistoryEventType> VARIABLE_EVENTS = Set.of(HistoryEventTypes.VARIABLE_INSTANCE_CREATE,
            HistoryEventTypes.VARIABLE_INSTANCE_UPDATE, HistoryEventTypes.VARIABLE_INSTANCE_MIGRATE,
            HistoryEventTypes.VARIABLE_INSTANCE_DELETE);

    private final Map<String, Set<String>> copiesByProcessKey;

    /** @param copiesByProcessKey per process definition key, the names of the variables that get no history */
    public AuditWithoutCopies(Map<String, Set<String>> copiesByProcessKey) {
        this.copiesByProcessKey = Map.copyOf(copiesByProcessKey);
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
        if (entity instanceof VariableInstanceEntity variable && VARIABLE_EVENTS.contains(eventType)
                && isCopy(variable)) {
            return false;
        }
        return super.isHistoryEventProduced(eventType, entity);
    }

    private boolean isCopy(VariableInstanceEntity variable) {
        Set<String> copies = copiesByProcessKey.get(processKey(variable));
        return copies != null && copies.contains(variable.getName());
    }

    /** Process definition ids read "key:version:id" unless that would be too long for the column. */
    private static String processKey(VariableInstanceEntity variable) {
        String definitionId = variable.getProcessDefinitionId();
        if (definitionId == null) {
            return null;
        }
        int colon = definitionId.indexOf(':');
        if (colon > 0) {
            return definitionId.substring(0, colon);
        }
        return variable.getExecution() == null ? null : variable.getExecution().getProcessDefinition().getKey();
    }
}
