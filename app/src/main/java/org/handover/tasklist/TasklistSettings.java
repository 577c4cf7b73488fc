package org.handover.tasklist;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param teams extra teams (Camunda group ids) that get their group, Tasklist access and saved filters at start;
 *     every team Handover itself knows (roles, routing table, councils) gets them anyway
 * @param zone the trust's local time: "Due today" is today in this zone (Europe/London)
 * @param overdueCheckInterval how often open tasks are checked for being overdue (1m)
 */
@ConfigurationProperties("handover.tasklist")
record TasklistSettings(List<String> teams, ZoneId zone, Duration overdueCheckInterval) {

    TasklistSettings {
        teams = teams == null ? List.of() : List.copyOf(teams);
        zone = zone == null ? ZoneId.of("Europe/London") : zone;
        overdueCheckInterval = overdueCheckInterval == null ? Duration.ofMinutes(1) : overdueCheckInterval;
    }
}
