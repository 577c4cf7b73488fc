package org.handover.tasklist;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Adds {@link FindableTasks}, {@link CaseAccess} and {@link CompletedTasks} to every user task of every process as it
 * is deployed, so that processes added later need nothing in their BPMN to be findable and dated in Tasklist; and
 * {@link TeamTaskAuthorizations} for the grants on each task; {@link MissingTaskIsNotFound} and {@link RefusedInputIsABadRequest} on the commands people's
 * task actions run.
 */
@Component
class TasklistEnginePlugin extends AbstractProcessEnginePlugin {

    private static final TaskListener NEW_TASK_VARIABLES = new NewTaskVariables();

    private final FindableTasks findableTasks;
    private final CaseAccess caseAccess;
    private final CompletedTasks completedTasks;

    TasklistEnginePlugin(FindableTasks findableTasks, CaseAccess caseAccess, CompletedTasks completedTasks) {
        this.findableTasks = findableTasks;
        this.caseAccess = caseAccess;
        this.completedTasks = completedTasks;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setResourceAuthorizationProvider(new TeamTaskAuthorizations());
        if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
            configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
        }
        configuration.getCustomPostCommandInterceptorsTxRequired().add(new MissingTaskIsNotFound());
        configuration.getCustomPostCommandInterceptorsTxRequired().add(new RefusedInputIsABadRequest());
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                task.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, NEW_TASK_VARIABLES);
                task.addTaskListener(TaskListener.EVENTNAME_CREATE, findableTasks);
                task.addTaskListener(TaskListener.EVENTNAME_CREATE, caseAccess);
                task.addTaskListener(TaskListener.EVENTNAME_COMPLETE, completedTasks);
            }
        });
    }
}
