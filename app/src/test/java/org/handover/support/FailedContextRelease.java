package org.handover.support;

import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Lets a test context that failed to start fail its own test class only (registered in the tests'
 * {@code META-INF/spring.factories}, so every Spring Boot application started in a test JVM has it).
 *
 * <p>Camunda's webapp starter keeps the application context in a static field ({@code LazyInitRegistration}) and
 * clears it only on a {@code ContextClosedEvent}, which a context that fails during refresh never publishes. The
 * next context's Tomcat then initialises the webapp filters from the dead context and fails ("Engines Filter ... has
 * not been refreshed yet"), and so does every later one in the JVM: one port taken once failed 78 tests.
 */
public final class FailedContextRelease implements ApplicationListener<ApplicationFailedEvent> {

    @Override
    public void onApplicationEvent(ApplicationFailedEvent event) {
        CamundaWebappContext.forgetFailed();
    }
}
