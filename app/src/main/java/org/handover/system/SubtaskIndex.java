package org.handover.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An index Camunda's schema lacks: every task completed or deleted looks for its subtasks
 * ({@code select * from ACT_RU_TASK where PARENT_TASK_ID_ = ?}) and, with no index on that column, PostgreSQL read the
 * whole task table for each: 114 blocks a completion with 700 open tasks, growing with every task open in the trust
 * (ops/README.md, "The staff's requests"). Handover makes no subtasks, so on PostgreSQL the index holds only rows that
 * have a parent and costs nothing to keep. Made after Camunda has made or updated its tables, on every start. On
 * PostgreSQL it is built {@code concurrently}: the first start after an upgrade reads the whole task table to build it,
 * and a plain build would hold back every task write of the other node for that long. A concurrent build that failed
 * leaves an invalid index, which {@code if not exists} would keep for ever: it is dropped and built again.
 */
@Component
class SubtaskIndex extends AbstractProcessEnginePlugin {

    static final String NAME = "HANDOVER_IDX_TASK_PARENT";
    private static final Logger LOG = LoggerFactory.getLogger(SubtaskIndex.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        make(configuration.getDataSource(), configuration.getDatabaseTablePrefix() + "ACT_RU_TASK",
                "postgres".equals(configuration.getDatabaseType()));
    }

    static void make(DataSource dataSource, String table, boolean postgres) {
        String sql = postgres
                ? "create index concurrently if not exists " + NAME + " on " + table
                        + " (PARENT_TASK_ID_) where PARENT_TASK_ID_ is not null"
                : "create index if not exists " + NAME + " on " + table + " (PARENT_TASK_ID_)";
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true); // a concurrent build cannot run inside a transaction
            if (postgres && leftInvalid(statement)) {
                LOG.warn("The index on subtasks ({}) was left invalid by a build that failed: building it again", NAME);
                statement.execute("drop index concurrently if exists " + NAME);
            }
            statement.execute(sql);
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            // Another node starting at the same moment may have made it; without it completions are slower, not wrong.
            LOG.warn("Could not make the index on subtasks ({}): {}", NAME, e.getMessage());
        }
    }

    private static boolean leftInvalid(Statement statement) throws SQLException {
        try (ResultSet index = statement.executeQuery("select i.indisvalid from pg_index i join pg_class c"
                + " on c.oid = i.indexrelid where c.relname = '" + NAME.toLowerCase(java.util.Locale.ROOT) + "'")) {
            return index.next() && !index.getBoolean(1);
        }
    }
}
