package org.handover.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import org.handover.support.PostgresForTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The index on subtasks on PostgreSQL: built concurrently, and built again when a failed build left it invalid. */
class PostgresSubtaskIndexTest {

    private HikariDataSource dataSource;
    private JdbcTemplate jdbc;

    @BeforeEach
    void database() {
        dataSource = PostgresForTests.newDataSource("subtasks", 2);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("create table ACT_RU_TASK (ID_ varchar(64) primary key, PARENT_TASK_ID_ varchar(64))");
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void itIsBuiltOnceAndHoldsOnlySubtasks() {
        SubtaskIndex.make(dataSource, "ACT_RU_TASK", true);
        SubtaskIndex.make(dataSource, "ACT_RU_TASK", true);

        assertThat(validity()).containsExactly(true);
        assertThat(jdbc.queryForObject("select pg_get_indexdef('handover_idx_task_parent'::regclass)", String.class))
                .contains("WHERE (parent_task_id_ IS NOT NULL)");
    }

    @Test
    void anIndexAFailedBuildLeftInvalidIsBuiltAgain() {
        jdbc.update("insert into ACT_RU_TASK values ('a', 'parent'), ('b', 'parent')");
        assertThatThrownBy(() -> jdbc.execute("create unique index concurrently " + SubtaskIndex.NAME
                + " on ACT_RU_TASK (PARENT_TASK_ID_)")).hasMessageContaining("could not create unique index");
        assertThat(validity()).as("what a failed concurrent build leaves").containsExactly(false);

        SubtaskIndex.make(dataSource, "ACT_RU_TASK", true);

        assertThat(validity()).containsExactly(true);
    }

    private List<Boolean> validity() {
        return jdbc.queryForList("select i.indisvalid from pg_index i join pg_class c on c.oid = i.indexrelid"
                + " where c.relname = 'handover_idx_task_parent'", Boolean.class);
    }
}
