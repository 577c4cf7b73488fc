package org.handover.system;

import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;

/** What the database can do that H2 cannot: PostgreSQL's {@code skip locked} lets several nodes take disjoint rows. */
public final class Databases {

    private Databases() {
    }

    public static boolean isPostgres(DataSource dataSource) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource, "getDatabaseProductName");
            return product != null && product.toLowerCase().contains("postgres");
        } catch (Exception e) {
            return false;
        }
    }

    /** "for update skip locked" on PostgreSQL, "for update" elsewhere (H2 waits for the lock instead). */
    public static String forUpdateSkipLocked(DataSource dataSource) {
        return isPostgres(dataSource) ? "for update skip locked" : "for update";
    }
}
