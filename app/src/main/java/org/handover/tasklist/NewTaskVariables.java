package org.handover.tasklist;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableCollectionProvider;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableStore;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.handover.system.CreatedInThisCommand;

/**
 * First on every user task as it is created: a task the running command has just created has no variables of its
 * own yet, and its variable store is told so, as Camunda tells that of a new execution. Without this, the first
 * variable read through the task (a listener's, an expression's) asks the database for the variables of a task that
 * is not stored yet: one query per new task (docs/decisions/0006-referral-intake-at-200-per-second.md).
 */
final class NewTaskVariables implements TaskListener {

    /** Camunda keeps the store in a protected field and offers no way to mark it loaded from outside. */
    private static final VarHandle STORE;

    static {
        try {
            STORE = MethodHandles.privateLookupIn(TaskEntity.class, MethodHandles.lookup())
                    .findVarHandle(TaskEntity.class, "variableStore", VariableStore.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public void notify(DelegateTask task) {
        if (!(task instanceof TaskEntity entity) || CreatedInThisCommand.entity(TaskEntity.class, entity.getId()) != entity) {
            return;
        }
        VariableStore<?> store = (VariableStore<?>) STORE.get(entity);
        if (!store.isInitialized()) {
            store.setVariablesProvider(VariableCollectionProvider.emptyVariables());
            store.forceInitialization();
        }
    }
}
