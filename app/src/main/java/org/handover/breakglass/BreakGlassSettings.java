package org.handover.breakglass;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param duration how long a break-glass grant lasts (4h)
 * @param minimumReasonLength the fewest characters a reason may have (20): "x" is not a reason
 * @param reviewGroup the group that reviews every use (information-governance)
 */
@ConfigurationProperties("handover.break-glass")
record BreakGlassSettings(Duration duration, int minimumReasonLength, String reviewGroup) {

    BreakGlassSettings {
        duration = duration == null ? Duration.ofHours(4) : duration;
        minimumReasonLength = minimumReasonLength <= 0 ? 20 : minimumReasonLength;
        reviewGroup = reviewGroup == null ? "information-governance" : reviewGroup;
    }
}
