package org.handover.processes.history;

import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.impl.core.model.CoreModelElement;
import org.camunda.bpm.engine.impl.history.HistoryLevelAudit;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.migration.instance.MigratingActivityInstance;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;

/**
 * Camunda's {@code audit} history with two subsets left out, both things Handover keeps elsewhere or nothing reads:
 * <ul>
 * <li>variables which only copy a record Handover keeps in its own tables (the patient and referral details a form
 * shows): audit would keep every one of them in {@code ACT_HI_VARINST} for the process's whole history time to live,
 * a second copy of personal data that nothing reads (docs/decisions/0006-referral-intake-at-200-per-second.md, 0009);
 * <li>activity instances other than user tasks (start, end and intermediate events, gateways, service and receive
 * tasks, sub-processes): a row in {@code ACT_HI_ACTINST} each, written and for a wait state read back and updated,
 * that nothing in Handover reads. People's work keeps its activity history beside {@code ACT_HI_TASKINST}, the
 * process instance keeps {@code ACT_HI_PROCINST} (with its start and end event), and processes named as probes keep
 * every activity (docs/decisions/0011-activity-history-of-people-s-work-only.md).
 * </ul>
 * Decisions people take (outcomes, comments, priorities, assignees) keep their history as with audit.
 *
 * <p>It has audit's id (2): it records a subset of what audit records, so a database created at {@code audit} starts
 * with it, and going back to {@code audit} needs no change in the database.
 */
public class AuditWithoutCopies extends HistoryLevelAudit {

    public static final String NAME = "audit-without-copies";

    private static final Set<HistoryEventType> VARIABLE_EVENTS = Set.of(HistoryEventTypes.VARIABLE_INSTANCE_CREATE,
            HistoryEventTypes.VARIABLE_INSTANCE_UPDATE, HistoryEventTypes.VARIABLE_INSTANCE_MIGRATE,
            HistoryEventTypes.VARIABLE_INSTANCE_DELETE);

    private static final Set<HistoryEventType> ACTIVITY_EVENTS = Set.of(HistoryEventTypes.ACTIVITY_INSTANCE_START,
            HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE, HistoryEventTypes.ACTIVITY_INSTANCE_MIGRATE,
            HistoryEventTypes.ACTIVITY_INSTANCE_END);

    private final Map<String, Set<String>> copiesByProcessKey;
    private final Set<String> processesKeepingEveryActivity;

    /**
     * @param copiesByProcessKey per process definition key, the names of the variables that get no history
     * @param processesKeepingEveryActivity process definition keys whose every activity keeps its history
     */
    public AuditWithoutCopies(Map<String, Set<String>> copiesByProcessKey,
            Set<String> processesKeepingEveryActivity) {
        this.copiesByProcessKey = Map.copyOf(copiesByProcessKey);
        this.processesKeepingEveryActivity = Set.copyOf(processesKeepingEveryActivity);
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
        if (entity != null && ACTIVITY_EVENTS.contains(eventType) && !keepsActivityHistory(entity)) {
            return false;
        }
        return super.isHistoryEventProduced(eventType, entity);
    }

    private boolean isCopy(VariableInstanceEntity variable) {
        Set<String> copies = copiesByProcessKey.get(processKey(variable.getProcessDefinitionId(),
                variable.getExecution()));
        return copies != null && copies.contains(variable.getName());
    }

    /** Decided per activity, the same at its start, updates and end, so a kept row is always completed. */
    private boolean keepsActivityHistory(Object entity) {
        if (entity instanceof ExecutionEntity execution) {
            CoreModelElement activity = execution.getActivity() != null ? execution.getActivity()
                    : execution.getEventSource();
            return keepsActivityHistory(activity, processKey(execution.getProcessDefinitionId(), execution));
        }
        if (entity instanceof MigratingActivityInstance instance) {
            ExecutionEntity execution = instance.resolveRepresentativeExecution();
            return keepsActivityHistory(instance.getTargetScope(),
                    execution == null ? null : processKey(execution.getProcessDefinitionId(), execution));
        }
        return true;
    }

    private boolean keepsActivityHistory(CoreModelElement activity, String processKey) {
        if (activity == null || processKey == null || processesKeepingEveryActivity.contains(processKey)) {
            return true;
        }
        Object type = activity.getProperty("type");
        return type == null || ActivityTypes.TASK_USER_TASK.equals(type);
    }

    /** Process definition ids read "key:version:id" unless that would be too long for the column. */
    private static String processKey(String definitionId, ExecutionEntity execution) {
        if (definitionId == null) {
            return null;
        }
        int colon = definitionId.indexOf(':');
        if (colon > 0) {
            return definitionId.substring(0, colon);
        }
        return execution == null ? null : execution.getProcessDefinition().getKey();
    }
}
