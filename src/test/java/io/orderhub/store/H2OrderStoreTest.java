package io.orderhub.store;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;

/** The store contract on H2 on disk, with the same URL settings as the default run. */
class H2OrderStoreTest extends OrderStoreContract {

    @TempDir
    static Path dir;

    private static JdbcDataSource dataSource;

    @Override
    DataSource dataSource() {
        if (dataSource == null) {
            dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:file:" + dir.resolve("hub") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;WRITE_DELAY=0");
            dataSource.setUser("sa");
        }
        return dataSource;
    }
}
