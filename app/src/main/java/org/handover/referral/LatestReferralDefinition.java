package org.handover.referral;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import org.springframework.stereotype.Component;

/**
 * The id of the latest referral process definition, so that starting a referral does not ask the database for it
 * each time (one query per referral). Forgotten when this node deploys the referral process (after that deployment
 * commits), and read again at least every {@link #AT_MOST_AGE}, so that a version deployed by another node of a
 * cluster is used within that time.
 */
@Component
class LatestReferralDefinition extends AbstractProcessEnginePlugin {

    static final Duration AT_MOST_AGE = Duration.ofSeconds(30);

    private record Known(String id, Instant readAt) {
    }

    private final Clock clock;
    private volatile RepositoryService repository;
    private volatile Known known;

    LatestReferralDefinition(Clock clock) {
        this.clock = clock;
    }

    /** Needs no authorization: call it inside the start's command, which runs without Camunda's checks. */
    String id() {
        Known current = known;
        Instant now = clock.instant();
        if (current == null || current.readAt().plus(AT_MOST_AGE).isBefore(now)) {
            ProcessDefinition latest = repository.createProcessDefinitionQuery()
                    .processDefinitionKey(ReferralProcess.KEY).latestVersion().singleResult();
            if (latest == null) {
                throw new IllegalStateException("The referral process " + ReferralProcess.KEY + " is not deployed");
            }
            current = new Known(latest.getId(), now);
            known = current;
        }
        return current.id();
    }

    void forget() {
        known = null;
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
                            .addTransactionListener(TransactionState.COMMITTED, committed -> forget());
                }
            }
        });
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        repository = engine.getRepositoryService();
    }
}
