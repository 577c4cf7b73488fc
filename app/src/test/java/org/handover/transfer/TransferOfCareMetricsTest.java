package org.handover.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.handover.support.MutableClock;
import org.handover.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/** The 30-day share within 24 hours is computed when refreshed, never when scraped; the same figure as the report. */
class TransferOfCareMetricsTest {

    private final AtomicInteger connections = new AtomicInteger();
    private final JdbcTemplate jdbc = new JdbcTemplate(counted(TestDatabase.migrated()));
    private final MutableClock clock = new MutableClock();
    private final TransferOfCareConfig.TransferSettings settings =
            new TransferOfCareConfig.TransferSettings(null, null, null, null, null, null, null, null);
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final SlaReport report = new SlaReport(jdbc, settings);
    private final TransferOfCareMetrics metrics = new TransferOfCareMetrics(registry, jdbc, report, clock, settings);

    @Test
    void aScrapeReadsTheLastRefreshAndNeverTheDatabase() {
        Instant now = Instant.parse("2026-12-03T12:00:00Z");
        clock.set(now);
        discharge("EP-1", now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(3)).plus(Duration.ofHours(2)));
        discharge("EP-2", now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(2)).plus(Duration.ofHours(20)));
        discharge("EP-3", now.minus(Duration.ofDays(2)), null); // missed: 48 hours and no acknowledgement
        discharge("EP-4", now.minus(Duration.ofHours(2)), null); // still inside its 24 hours
        discharge("EP-OLD", now.minus(Duration.ofDays(31)), null); // before the 30 days
        assertThat(percent()).as("before the first refresh").isNaN();

        int before = connections.get();
        metrics.refresh();
        assertThat(connections.get()).isEqualTo(before + 1);
        for (int scrape = 0; scrape < 5; scrape++) {
            assertThat(percent()).isEqualTo(66.7);
        }
        assertThat(connections.get()).as("scrapes do not query").isEqualTo(before + 1);
        assertThat(report.between("last 30 days", now.minus(Duration.ofDays(30)), now, now).overall()
                .percentWithinStandard()).as("the same figure as the report by ward").isEqualTo(66.7);

        clock.set(now.plus(Duration.ofHours(23)));
        metrics.refresh();
        assertThat(percent()).as("EP-4 missed its 24 hours too").isEqualTo(50.0);
    }

    private double percent() {
        return registry.get("handover.toc.acknowledged.within.24h.percent").gauge().value();
    }

    private void discharge(String episode, Instant discharged, Instant acknowledged) {
        Timestamp now = Timestamp.from(discharged);
        jdbc.update("insert into transfer_of_care (episode_id, nhs_number, ward, specialty, discharged_at, status,"
                + " acknowledged_at, created_at, updated_at) values (?, '9990000018', 'Ward 7', '430', ?, ?, ?, ?, ?)",
                episode, now, acknowledged == null ? "SENT" : "ACKNOWLEDGED",
                acknowledged == null ? null : Timestamp.from(acknowledged), now, now);
    }

    private DataSource counted(DataSource dataSource) {
        return new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                connections.incrementAndGet();
                return super.getConnection();
            }
        };
    }
}
