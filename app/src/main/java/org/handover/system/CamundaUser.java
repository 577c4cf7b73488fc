package org.handover.system;

import java.util.List;
import org.springframework.security.core.AuthenticatedPrincipal;

/** A user authenticated against Camunda's identity service, with the Camunda groups the engine's checks need. */
record CamundaUser(String userId, List<String> groups) implements AuthenticatedPrincipal {

    CamundaUser {
        groups = List.copyOf(groups);
    }

    @Override
    public String getName() {
        return userId;
    }

    @Override
    public String toString() {
        return userId;
    }
}
