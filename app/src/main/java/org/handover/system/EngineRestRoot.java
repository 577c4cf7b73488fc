package org.handover.system;

import jakarta.ws.rs.Path;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.rest.TaskRestService;
import org.camunda.bpm.engine.rest.impl.DefaultProcessEngineRestServiceImpl;

/**
 * The root of {@code /engine-rest} with the task resources ({@code /engine-rest/task/...}: the staff's task lists,
 * variables and completions) built once per process engine. Camunda builds every sub-resource anew for each
 * request, and each looks the engine up through {@link java.util.ServiceLoader}, which asks the class loader for the
 * provider's service file in every jar of the application (264 in the fat jar): about 8% of the CPU of a task
 * completion's request (ops/README.md, "The staff's requests"). The task resources keep nothing of a request; the
 * engine is the one Camunda's Spring Boot provider would answer, the default engine.
 */
@Path(DefaultProcessEngineRestServiceImpl.PATH)
public class EngineRestRoot extends DefaultProcessEngineRestServiceImpl {

    private record Built(ProcessEngine engine, TaskRestService tasks) {
    }

    /** Per class, not per instance: Jersey makes a root resource for every request. */
    private static volatile Built built;

    @Override
    @Path(TaskRestService.PATH)
    public TaskRestService getTaskRestService() {
        ProcessEngine engine = ProcessEngines.getDefaultProcessEngine();
        Built current = built;
        if (current == null || current.engine() != engine) {
            current = new Built(engine, super.getTaskRestService());
            built = current;
        }
        return current.tasks();
    }
}
