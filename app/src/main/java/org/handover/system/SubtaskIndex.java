package org.handover.system;

import java.sql.Connection;
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
 * have a parent and costs nothing to keep. Made after Camunda has made or updated its tables, on every start.
 */
@Component
class SubtaskIndex extends AbstractProcessEnginePlugin {

    static final String NAME = "HANDOVER_IDX_TASK_PARENT";
    private static final Logger LOG = LoggerFactory.getLogger(SubtaskIndex.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        String table = configuration.getDatabaseTablePrefix() + "ACT_RU_TASK";
        String sql = "postgres".equals(configuration.getDatabaseType())
                ? "create index if not exists " + NAME + " on " + table + " (PARENT_TASK_ID_) where PARENT_TASK_ID_ is not null"
                : "create index if not exists " + NAME + " on " + table + " (PARENT_TASK_ID_)";
        create(configuration.getDataSource(), sql);
    }

    private static void create(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            statement.execute(sql);
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            // Another node starting at the same moment may have made it; without it completions are slower, not wrong.
            LOG.warn("Could not make the index on subtasks ({}): {}", NAME, e.getMessage());
        }
    }
}
