package org.handover.support;

import java.time.Clock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The application's clock in a scenario test that needs days to pass: a {@link MutableClock} of the test context's
 * own, used by the application wherever it asks for a {@link Clock}. Add this class to {@code @SpringBootTest(classes)}
 * and inject the {@code MutableClock} to move it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClock {

    @Bean
    @Primary
    MutableClock applicationClock() {
        return new MutableClock();
    }
}
