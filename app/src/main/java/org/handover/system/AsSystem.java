package org.handover.system;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
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
}
