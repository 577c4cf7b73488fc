package org.handover.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresForTestsTest {

    @Test
    void startsARealPostgreSql17WithALoginForTheApplication() throws Exception {
        try (Connection c = DriverManager.getConnection(
                PostgresForTests.jdbcUrl(), PostgresForTests.username(), PostgresForTests.password());
             Statement s = c.createStatement()) {
            s.execute("create table smoke (id bigint primary key, name text not null)");
            s.execute("insert into smoke values (1, 'Zoë')");
            try (ResultSet rs = s.executeQuery("select upper(name), current_user, current_database() from smoke")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("ZOË");
                assertThat(rs.getString(2)).isEqualTo("handover");
                assertThat(rs.getString(3)).isEqualTo("handover");
            }
            try (ResultSet rs = s.executeQuery("select version()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("PostgreSQL 17.");
            }
        }
    }

    @Test
    void isOneServerForTheWholeJvm() {
        assertThat(PostgresForTests.jdbcUrl()).isEqualTo(PostgresForTests.jdbcUrl())
                .matches("jdbc:postgresql://localhost:\\d+/handover");
    }
}
