package org.handover.adt;

import java.time.Clock;
import java.time.ZoneId;
import org.handover.quarantine.Quarantine;
import org.handover.routes.adt.AdtMllpRoute;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HL7 v2 ADT intake over MLLP ({@code handover.adt.*}: mllp-port 2575, mllp-host, max-connections, zone,
 * application and facility named in our acknowledgements' MSH-3 and MSH-4).
 */
@Configuration
class AdtConfig {

    @Bean
    AdtReader adtReader(@Value("${handover.adt.zone:Europe/London}") ZoneId zone) {
        return new AdtReader(zone);
    }

    @Bean
    AdtIntake adtIntake(AdtReader reader, EpisodeIntake intake, Quarantine quarantine, Clock clock,
            @Value("${handover.adt.zone:Europe/London}") ZoneId zone,
            @Value("${handover.adt.application:HANDOVER}") String application,
            @Value("${handover.adt.facility:HANDOVER}") String facility) {
        return new AdtIntake(reader, intake, quarantine, new Acknowledgements(clock, zone, application, facility));
    }

    @Bean
    AdtMllpRoute adtMllpRoute(AdtIntake intake) {
        return new AdtMllpRoute(intake);
    }
}
