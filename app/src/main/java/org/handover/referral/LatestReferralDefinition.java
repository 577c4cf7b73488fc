package org.handover.referral;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
import org.handover.processes.referral.ReferralProcess;
import org.handover.system.SharedVersion;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The id of the latest referral process definition, so that starting a referral does not ask the database for it
 * each time (one query per referral). Read again after this node deploys the referral process (once that deployment
 * commits), and checked at most every {@code handover.cluster.settings-recheck} (5 s) against the newest version, so
 * that a version another node of a cluster deployed is used within that time.
 */
@Component
class LatestReferralDefinition extends AbstractProcessEnginePlugin {

    private final SharedVersion<ProcessDefinition> latest;
    private volatile RepositoryService repository;
    private volatile boolean deployedHere;

    LatestReferralDefinition(Clock clock, @Value("${handover.cluster.settings-recheck:5s}") Duration recheck) {
        latest = new SharedVersion<>(recheck, clock, () -> read().getVersion(), this::read, ProcessDefinition::getVersion);
    }

    /** Needs no authorization: call it inside the start's command, which runs without Camunda's checks. */
    String id() {
        if (deployedHere) {
            deployedHere = false;
            return latest.reload().getId();
        }
        return latest.get().getId();
    }

    private ProcessDefinition read() {
        ProcessDefinition definition = repository.createProcessDefinitionQuery()
                .processDefinitionKey(ReferralProcess.KEY).latestVersion().singleResult();
        if (definition == null) {
            throw new IllegalStateException("The referral process " + ReferralProcess.KEY + " is not deployed");
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
                if (ReferralProcess.KEY.equals(definition.getKey()) && Context.getCommandContext() != null) {
                    Context.getCommandContext().getTransactionContext()
                            .addTransactionListener(TransactionState.COMMITTED, committed -> deployedHere = true);
                }
            }
        });
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        repository = engine.getRepositoryService();
    }
}
