package org.handover.system;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The log converter every line passes through: a full NHS number or mobile number never reaches a log. */
class MaskingConverterTest {

    @Test
    void nhsAndMobileNumbersInALogLineAreMaskedWhateverLoggedThem() {
        LoggingEvent event = new LoggingEvent(getClass().getName(), new LoggerContext().getLogger("library"),
                Level.WARN, "Refused {} for patient {} (mobile {})", null,
                new Object[] {"A03", "999 000 0018", "+447700900123"});

        String line = new MaskingConverter().convert(event);

        assertThat(line).startsWith("Refused A03 for patient ")
                .doesNotContain("999 000 0018", "9990000018", "+447700900123", "07700900123");
    }

    @Test
    void theApplicationsLogPatternWritesOnlyTheMaskedMessage() throws IOException {
        try (InputStream config = getClass().getResourceAsStream("/logback-spring.xml")) {
            String xml = new String(config.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(xml).contains("conversionWord=\"maskedMsg\" class=\"" + MaskingConverter.class.getName() + "\"")
                    .contains(": %maskedMsg%n")
                    .doesNotContainPattern("%(msg|m|message)\\b");
        }
    }
}
