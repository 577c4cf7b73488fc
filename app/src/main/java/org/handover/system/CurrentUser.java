package org.handover.system;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** The person on whose behalf the engine is running a step, for the ledger's record. */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static String of(DelegateExecution execution) {
        return of(execution.getProcessEngineServices());
    }

    public static String of(ProcessEngineServices engine) {
        return of(engine.getIdentityService());
    }

    public static String of(IdentityService identityService) {
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication == null || authentication.getUserId() == null ? "system" : authentication.getUserId();
    }
}
