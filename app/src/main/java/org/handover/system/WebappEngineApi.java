package org.handover.system;

import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.handover.tasklist.LateTaskActionMapper;
import org.handover.tasklist.LateTaskActions;
import org.handover.tasklist.RefusedTaskInputMapper;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The webapps' engine API ({@code /camunda/api/engine}, which Tasklist and Cockpit call) as Camunda's webapp starter
 * registers it, plus the answers to an action on a task no longer open ({@link LateTaskActionMapper}): 404 or 409,
 * not 500, and to a task's refusal of what a person entered ({@link RefusedTaskInputMapper}): 400. The starter
 * registers its servlet, named "Engine Api", only where no servlet of that name exists yet, so this one, registered
 * before the starter's initializer runs, takes its place (TasklistScenarios checks it answers).
 */
@Configuration
class WebappEngineApi {

    /** The name Camunda's {@code CamundaBpmWebappInitializer} gives the webapps' engine API servlet. */
    static final String SERVLET_NAME = "Engine Api";

    @Bean
    ServletRegistrationBean<ServletContainer> webappEngineApiServlet(CamundaBpmProperties camunda,
            LateTaskActions lateTaskActions) {
        // Not a bean: Spring Boot's Jersey configuration serves /engine-rest from the one ResourceConfig bean.
        ResourceConfig application = new ResourceConfig(new EngineRestApplication().getClasses());
        LateTaskActionMapper.forOneApplication(lateTaskActions).forEach(application::register);
        RefusedTaskInputMapper.forOneApplication().forEach(application::register);
        ServletRegistrationBean<ServletContainer> registration = new ServletRegistrationBean<>(
                new ServletContainer(application), camunda.getWebapp().getApplicationPath() + "/api/engine/*");
        registration.setName(SERVLET_NAME);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
