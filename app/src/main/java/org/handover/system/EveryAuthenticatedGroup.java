package org.handover.system;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Camunda's authorization checks with the user's groups as authenticated, without first asking the database which
 * groups have any authorization at all. Camunda runs that query ({@code SELECT DISTINCT GROUP_ID_} over the whole
 * {@code ACT_RU_AUTHORIZATION} table, which grows with every open task and case) once in every command a user's
 * request runs, only to leave groups without authorizations out of the checks' {@code IN} lists; a group without
 * authorizations matches no row in them either, so every check answers the same (ops/README.md, "The staff's requests").
 */
@Component
class EveryAuthenticatedGroup extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomSessionFactories() == null) {
            configuration.setCustomSessionFactories(new ArrayList<>());
        }
        configuration.getCustomSessionFactories().add(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return AuthorizationManager.class;
            }

            @Override
            public Session openSession() {
                return new Authorizations();
            }
        });
    }

    static final class Authorizations extends AuthorizationManager {

        @Override
        public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
            return authenticatedGroupIds == null ? new ArrayList<>() : new ArrayList<>(authenticatedGroupIds);
        }
    }
}
