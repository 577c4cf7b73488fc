package org.handover.messaging;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/** A ledger table of the given columns in a fresh in-memory H2, and a JdbcTemplate that counts the queries it runs. */
final class QueryCountingLedger {

    private final AtomicInteger queries = new AtomicInteger();
    private final JdbcTemplate jdbc;

    QueryCountingLedger(String columns) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource) {
            @Override
            public void query(String sql, RowCallbackHandler handler, Object... args) {
                queries.incrementAndGet();
                super.query(sql, handler, args);
            }
        };
        jdbc.execute("create table outbox_message (" + columns + ")");
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    int queries() {
        return queries.get();
    }
}
