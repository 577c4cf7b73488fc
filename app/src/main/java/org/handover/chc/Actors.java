package org.handover.chc;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who is acting in a process step: the Tasklist or REST user behind it, or the system for timers and events. */
final class Actors {

    static final String SYSTEM = "system";

    private Actors() {
    }

    static String of(DelegateExecution execution) {
        Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return user == null || user.getUserId() == null ? SYSTEM : user.getUserId();
    }
}
