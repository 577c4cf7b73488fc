package org.handover.system;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The id of the latest definition of each process Handover starts itself (referrals, transfers of care, Discharge to
 * Assess), so that a start does not ask the database for it each time (one query per start). Read again after this
 * node deploys that process (once that deployment commits), and checked at most every
 * {@code handover.cluster.settings-recheck} (5 s) against the newest version, so that a version another node of a
 * cluster deployed is used within that time.
 */
@Component
class LatestDefinitions extends AbstractProcessEnginePlugin {

    private final Map<String, SharedVersion<ProcessDefinition>> latest = new ConcurrentHashMap<>();
    private final Set<String> deployedHere = ConcurrentHashMap.newKeySet();
    private final Clock clock;
    private final Duration recheck;
    private volatile RepositoryService repository;

    LatestDefinitions(Clock clock, @Value("${handover.cluster.settings-recheck:5s}") Duration recheck) {
        this.clock = clock;
        this.recheck = recheck;
    }

    /** Needs no authorization: call it inside the start's command, which runs without Camunda's checks. */
    String id(String key) {
        SharedVersion<ProcessDefinition> definition = latest.computeIfAbsent(key, this::versionOf);
        if (deployedHere.remove(key)) {
            return definition.reload().getId();
        }
        return definition.get().getId();
    }

    private SharedVersion<ProcessDefinition> versionOf(String key) {
        return new SharedVersion<>(recheck, clock, () -> read(key).getVersion(), () -> read(key),
                ProcessDefinition::getVersion);
    }

    private ProcessDefinition read(String key) {
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .latestVersion().singleResult();
        if (definition == null) {
            throw new IllegalStateException("The process " + key + " is not deployed");
        }
        return definition;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element process, ProcessDefinitionEntity definition) {
                if (Context.getCommandContext() != null) {
                    String key = definition.getKey();
                    Context.getCommandContext().getTransactionContext()
                            .addTransactionListener(TransactionState.COMMITTED, committed -> deployedHere.add(key));
                }
            }
        });
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        repository = engine.getRepositoryService();
    }
}
