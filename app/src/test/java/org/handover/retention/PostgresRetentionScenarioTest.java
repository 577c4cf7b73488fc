package org.handover.retention;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.handover.support.PostgresForTests;

class PostgresRetentionScenarioTest extends RetentionScenarios {

    private HikariDataSource dataSource;

    @Override
    DataSource newDatabase() {
        dataSource = PostgresForTests.newDataSource("retention", 4);
        return dataSource;
    }

    @Override
    String vendor() {
        return "postgresql";
    }

    @Override
    void closeDatabase() {
        dataSource.close();
    }
}
