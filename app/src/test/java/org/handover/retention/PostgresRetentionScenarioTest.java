package org.handover.retention;

import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import javax.sql.DataSource;
import org.handover.support.PostgresForTests;

class PostgresRetentionScenarioTest extends RetentionScenarios {

    private HikariDataSource dataSource;

    @Override
    DataSource newDatabase() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(PostgresForTests.newDatabase("retention_" + UUID.randomUUID().toString().substring(0, 8)));
        dataSource.setUsername(PostgresForTests.username());
        dataSource.setPassword(PostgresForTests.password());
        dataSource.setMaximumPoolSize(4);
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
