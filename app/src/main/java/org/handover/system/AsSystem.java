package org.handover.system;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Runs engine calls as the system: without the caller's Camunda authentication, so that whoever posted an event or a
 * message need not be allowed to start or correlate processes; the caller's authentication is restored afterwards.
 */
public final class AsSystem {

    private AsSystem() {
    }

    public static <T> T call(IdentityService identityService, Supplier<T> work) {
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            return work.get();
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
    }

    /**
     * Runs engine calls without Camunda's authorization checks, for a call Handover's own role check has already
     * allowed, but as the caller: Camunda still records the authenticated user (e.g. as the start user of a process).
     * Saves the queries of the per-call checks (docs/decisions/0006-referral-intake-at-200-per-second.md).
     */
    public static <T> T withoutEngineChecks(ProcessEngine engine, Supplier<T> work) {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
                .execute(context -> context.runWithoutAuthorization(work::get));
    }
}
