package org.cmppgw.gateway.persistence.sql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InQueryTest {
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void longListsRunInPaddedChunksAndReturnEachRowOnce(Dialect dialect) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:in-query-test-" + dialect + ";MODE=MariaDB")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v INT NOT NULL)");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO t (id, v) VALUES (?, ?)")) {
                for (int i = 0; i < 2000; i++) {
                    insert.setLong(1, i);
                    insert.setInt(2, i % 3);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            InQuery query = new InQuery(dialect, "SELECT id FROM t WHERE id IN (", ") AND v <> ?");
            long[] ids = new long[700];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = i * 2L;
            }
            List<Long> found = new ArrayList<>();

            // 700 values: on MariaDB a chunk of 512 and one of 188 padded to 256; on H2 ten chunks of 64, one of 60.
            query.forEach(c, ids, ids.length, (statement, index) -> statement.setInt(index, 1),
                row -> found.add(row.getLong(1)));

            List<Long> expected = new ArrayList<>();
            for (long id : ids) {
                if (id % 3 != 1) {
                    expected.add(id);
                }
            }
            assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void updateChangesEachListedRowOnceInChunks(Dialect dialect) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:in-update-test-" + dialect + ";MODE=MariaDB")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY)");
                s.execute("INSERT INTO t (id) SELECT x FROM SYSTEM_RANGE(0, 1999)");
            }
            InQuery delete = new InQuery(dialect, "DELETE FROM t WHERE id IN (", ")");
            // 601 values, one of them absent from the table: chunks are padded with repeats, which delete nothing more.
            long[] ids = new long[601];
            for (int i = 0; i < 600; i++) {
                ids[i] = i * 3L;
            }
            ids[600] = 5000;

            int deleted = delete.update(c, ids, ids.length);

            assertThat(deleted).isEqualTo(600);
            try (Statement s = c.createStatement(); var rows = s.executeQuery("SELECT COUNT(*) FROM t")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(1400);
                assertThat(delete.update(c, ids, 0)).isZero();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void updateBindsTheParametersBeforeTheListInEveryChunk(Dialect dialect) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:in-set-test-" + dialect + ";MODE=MariaDB")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, a BIGINT NOT NULL, b INT NOT NULL)");
                s.execute("INSERT INTO t (id, a, b) SELECT x, 0, 0 FROM SYSTEM_RANGE(0, 1999)");
            }
            InQuery set = new InQuery(dialect, "UPDATE t SET a = ?, b = ? WHERE id IN (", 2, ")");
            long[] ids = new long[700];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = i * 2L;
            }

            int changed = set.update(c, ids, ids.length, (statement, index) -> {
                statement.setLong(index, 42);
                statement.setInt(index + 1, 7);
            });

            assertThat(changed).isEqualTo(700);
            try (Statement s = c.createStatement();
                 var rows = s.executeQuery("SELECT COUNT(*), MIN(id), MAX(id) FROM t WHERE a = 42 AND b = 7")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(700);
                assertThat(rows.getLong(2)).isZero();
                assertThat(rows.getLong(3)).isEqualTo(1398);
            }
        }
    }
}
