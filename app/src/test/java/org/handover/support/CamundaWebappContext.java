package org.handover.support;

import org.camunda.bpm.spring.boot.starter.webapp.filter.LazyInitRegistration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The application context Camunda's webapp filters take their set-up from: a JVM-wide static of the starter's. */
final class CamundaWebappContext extends LazyInitRegistration {

    private CamundaWebappContext() {
    }

    static synchronized ApplicationContext current() {
        return APPLICATION_CONTEXT;
    }

    /**
     * After a context failed to start: forgets the context if it is no longer active, and the filters still waiting to
     * be initialised, which can only be those of the Tomcat that failed with it (the next context would initialise them
     * against a servlet context that is gone). The starter removes a filter once it has initialised it, so no filter of
     * a context that started is among them; test contexts start one after the other.
     */
    static synchronized void forgetFailed() {
        if (APPLICATION_CONTEXT instanceof ConfigurableApplicationContext context && !context.isActive()) {
            APPLICATION_CONTEXT = null;
        }
        REGISTRATION.clear();
    }
}
