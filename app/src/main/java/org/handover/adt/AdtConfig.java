package org.handover.adt;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.handover.quarantine.Quarantine;
import org.handover.routes.adt.AdtMllpRoute;
import org.handover.system.Databases;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The HL7 v2 ADT intake over MLLP ({@code handover.adt.*}: mllp-port 2575, mllp-host, max-connections, zone,
 * application and facility named in our acknowledgements' MSH-3 and MSH-4), and the dispatcher that hands the
 * contract events to the downstream processes after the acknowledgement ({@code handover.adt.dispatch.*}).
 */
@Configuration
class AdtConfig {

    @Bean
    EncounterDispatch encounterDispatchTable(JdbcTemplate jdbc, Clock clock, DataSource dataSource) {
        return new EncounterDispatch(jdbc, clock, Databases.isPostgres(dataSource));
    }

    @Bean
    EncounterDispatcher encounterDispatcher(EncounterDispatch store, ApplicationEventPublisher publisher,
            TransactionTemplate transaction, Quarantine quarantine, Clock clock, MeterRegistry registry,
            @Value("${handover.adt.dispatch.threads:4}") int threads,
            @Value("${handover.adt.dispatch.batch-size:50}") int batchSize,
            @Value("${handover.adt.dispatch.poll-interval:500ms}") Duration pollInterval,
            @Value("${handover.adt.dispatch.linger:20ms}") Duration linger,
            @Value("${handover.adt.dispatch.max-attempts:5}") int maxAttempts,
            @Value("${handover.adt.dispatch.first-retry-delay:2s}") Duration firstRetryDelay,
            @Value("${handover.adt.dispatch.max-retry-delay:5m}") Duration maxRetryDelay) {
        return new EncounterDispatcher(store, publisher, transaction, quarantine, new EncounterDispatcher.Settings(
                threads, batchSize, pollInterval, linger, maxAttempts, firstRetryDelay, maxRetryDelay), clock, registry);
    }

    @Bean("encounterDispatch")
    EncounterDispatchHealth encounterDispatchHealth(EncounterDispatch store, MeterRegistry registry,
            @Value("${handover.adt.dispatch.alert-after:10m}") Duration alertAfter) {
        return new EncounterDispatchHealth(store, alertAfter, registry);
    }

    @Bean
    EpisodeIntake episodeIntake(HospitalEventLog eventLog, HospitalEpisodes episodes, EncounterDispatch dispatch,
            EncounterDispatcher dispatcher, Clock clock) {
        return new EpisodeIntake(eventLog, episodes, dispatch, dispatcher, clock);
    }

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
