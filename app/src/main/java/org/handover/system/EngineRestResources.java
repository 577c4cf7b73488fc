package org.handover.system;

import jakarta.ws.rs.ApplicationPath;
import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.engine.rest.impl.DefaultProcessEngineRestServiceImpl;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.handover.tasklist.LateTaskActionMapper;
import org.handover.tasklist.LateTaskActions;
import org.handover.tasklist.RefusedTaskInputMapper;
import org.springframework.stereotype.Component;

/**
 * Camunda's REST API ({@code /engine-rest}) exactly as the starter registers it, except that its root resource is
 * {@link EngineRestRoot}, which builds the task resources once instead of on every request, and that an action on a
 * task no longer open is answered 404 or 409, not 500 ({@link LateTaskActionMapper}), and a task's refusal of what a
 * person entered 400 ({@link RefusedTaskInputMapper}).
 */
@ApplicationPath("/engine-rest")
@Component
class EngineRestResources extends CamundaJerseyResourceConfig {

    private final LateTaskActions lateTaskActions;

    EngineRestResources(LateTaskActions lateTaskActions) {
        this.lateTaskActions = lateTaskActions;
    }

    @Override
    protected void registerCamundaRestResources() {
        Set<Class<?>> resources = new LinkedHashSet<>(CamundaRestResources.getResourceClasses());
        if (!resources.remove(DefaultProcessEngineRestServiceImpl.class)) {
            throw new IllegalStateException("Camunda's REST API no longer has " + DefaultProcessEngineRestServiceImpl.class
                    + " as its root: check " + EngineRestRoot.class.getSimpleName() + " against this Camunda version");
        }
        resources.add(EngineRestRoot.class);
        registerClasses(resources);
        registerClasses(CamundaRestResources.getConfigurationClasses());
        register(JacksonFeature.class);
    }

    @Override
    protected void registerAdditionalResources() {
        LateTaskActionMapper.forOneApplication(lateTaskActions).forEach(this::register);
        RefusedTaskInputMapper.forOneApplication().forEach(this::register);
    }
}
