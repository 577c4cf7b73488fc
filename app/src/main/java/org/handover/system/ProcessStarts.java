package org.handover.system;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Starts the processes Handover starts itself, on the latest definition as this node knows it and with the rows only
 * an administrator changes taken from memory ({@link LatestDefinitions}, {@link DefinitionRows}): no look-up of the
 * definition by key and no re-read of its row per start. Camunda's authorization checks are off for the start: the
 * caller's own gate (the intake endpoint's role check, or the system acting on a stored event) allowed it.
 */
@Component
public class ProcessStarts {

    private final ProcessEngine engine;
    private final LatestDefinitions latest;
    private final DefinitionRows rows;

    ProcessStarts(ProcessEngine engine, LatestDefinitions latest, DefinitionRows rows) {
        this.engine = engine;
        this.latest = latest;
        this.rows = rows;
    }

    /** Starts the latest version of process {@code key}; the authenticated caller, if any, is its start user. */
    public ProcessInstance start(String key, String businessKey, Map<String, Object> variables) {
        return AsSystem.withoutEngineChecks(engine, () -> {
            String definitionId = latest.id(key);
            return rows.starting(definitionId, () -> engine.getRuntimeService()
                    .startProcessInstanceById(definitionId, businessKey, variables));
        });
    }
}
