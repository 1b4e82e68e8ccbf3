package org.cmppgw.gateway.idempotency;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.cmppgw.gateway.persistence.jdbc.DataSources;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link IdempotencyStore} and {@link IdempotencyKey} on a real H2 database migrated like the gateway's: a key's form,
 * a key stored by the accept transaction and read back with its answer, a key that is already held, and the bounded
 * purge (docs/api.md "When the database is slow or down").
 */
final class IdempotencyStoreTest {
    private static final String APP = "app-1";

    @TempDir
    Path dir;
    private HikariDataSource dataSource;
    private IdempotencyStore store;

    @BeforeEach
    void open() {
        dataSource = DataSources.open(DataSourceSettings.of("jdbc:h2:file:" + dir.resolve("gateway"), "", ""));
        store = new IdempotencyStore(dataSource, 1, 16);
    }

    @AfterEach
    void close() {
        store.close();
        dataSource.close();
    }

    @Test
    void keysAreOneToSixtyFourVisibleAsciiCharacters() {
        assertThat(IdempotencyKey.problem("7f1c0b9e-5a43-4c1e-9d0a-1b2c3d4e5f60")).isNull();
        assertThat(IdempotencyKey.problem("x".repeat(64))).isNull();
        assertThat(IdempotencyKey.problem("")).isEqualTo("invalid Idempotency-Key: 0 characters (expected: 1..64)");
        assertThat(IdempotencyKey.problem("x".repeat(65))).contains("65 characters");
        assertThat(IdempotencyKey.problem("a b")).contains("character 2 is not visible ASCII");
        assertThat(IdempotencyKey.problem("clé")).contains("character 3 is not visible ASCII");
    }

    @Test
    void aKeyIsStoredWithItsAnswerByTheAcceptTransactionOnly() throws SQLException {
        assertThat(Await.result("lookup", store.find(APP, "k-1"))).isNull();

        IdempotencyStore.Recording rolledBack = store.record(APP, "k-1", 1_000, ids -> answer(ids));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            rolledBack.apply(c, new long[] {7}, new int[] {0});
            c.rollback();
        }
        assertThat(Await.result("lookup", store.find(APP, "k-1"))).as("rolled back with its messages").isNull();

        accept(store.record(APP, "k-1", 1_000, ids -> answer(ids)), new long[] {7, 8}, new int[] {0, 50009});

        assertThat(Await.result("lookup", store.find(APP, "k-1")))
            .isEqualTo(new StoredAnswer(200, 50000, "{\"ids\":\"7,-50009\"}"));
        assertThat(Await.result("lookup", store.find(APP, "K-1"))).as("compared exactly").isNull();
        assertThat(Await.result("lookup", store.find("app-2", "k-1"))).as("per app").isNull();
    }

    @Test
    void aKeyAlreadyHeldFailsTheTransactionAndSaysSo() throws SQLException {
        accept(store.record(APP, "k-1", 1_000, ids -> answer(ids)), new long[] {7}, new int[] {0});
        IdempotencyStore.Recording second = store.record(APP, "k-1", 2_000, ids -> answer(ids));

        assertThatThrownBy(() -> accept(second, new long[] {9}, new int[] {0}))
            .isInstanceOf(IdempotencyStore.KeyTakenException.class)
            .hasMessage("idempotency - app=app-1 - key already used by another send (key=k-1)");
        assertThat(second.taken()).isTrue();
        assertThat(Await.result("lookup", store.find(APP, "k-1")).body()).isEqualTo("{\"ids\":\"7\"}");
    }

    @Test
    void thePurgeDeletesOnlyOlderKeysAndAtMostItsChunksPerRun() throws SQLException {
        int old = IdempotencyStore.PURGE_CHUNK * 2 + 5;
        for (int i = 0; i < old; i++) {
            accept(store.record(APP, "old-" + i, 1_000, ids -> answer(ids)), new long[] {i}, new int[] {0});
        }
        accept(store.record(APP, "new", 5_000, ids -> answer(ids)), new long[] {1}, new int[] {0});

        assertThat(store.purge(5_000, 1)).as("one chunk per run").isEqualTo(IdempotencyStore.PURGE_CHUNK);
        assertThat(store.purge(5_000, 10)).isEqualTo(IdempotencyStore.PURGE_CHUNK + 5);
        assertThat(store.purge(5_000, 10)).isZero();
        assertThat(Await.result("lookup", store.find(APP, "new"))).isNotNull();
        assertThat(Await.result("lookup", store.find(APP, "old-0"))).isNull();
    }

    private void accept(IdempotencyStore.Recording recording, long[] msgIds, int[] verdicts) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                assertThat(recording.apply(c, msgIds, verdicts)).isZero();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static StoredAnswer answer(long[] ids) {
        StringBuilder joined = new StringBuilder();
        for (long id : ids) {
            joined.append(joined.length() == 0 ? "" : ",").append(id);
        }
        return new StoredAnswer(200, 50000, "{\"ids\":\"" + joined + "\"}");
    }
}
