package org.handover.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.handover.HandoverApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A context that cannot bind its port fails alone: the next context in the JVM starts and serves Camunda's webapp.
 * Without {@link FailedContextRelease} the second start fails with "... has not been refreshed yet".
 */
class FailedContextReleaseTest {

    @Test
    void aContextWhosePortWasTakenDoesNotStopTheNextOneFromStarting() throws Exception {
        SandboxEnvironment unlucky = new SandboxEnvironment();
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(unlucky.httpPort()));

            assertThatThrownBy(() -> start(unlucky)).hasStackTraceContaining("Port " + unlucky.httpPort());
        }

        SandboxEnvironment healthy = new SandboxEnvironment();
        try (ConfigurableApplicationContext context = start(healthy)) {
            assertThat(context.isActive()).isTrue();
            assertThat(CamundaWebappContext.current()).isSameAs(context);
            assertThat(Http.anonymous(healthy.baseUrl()).get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(200);
        }
    }

    private static ConfigurableApplicationContext start(SandboxEnvironment environment) {
        String[] arguments = environment.properties().entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(HandoverApplication.class).run(arguments);
    }
}
