package org.cmppgw.gateway.persistence.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.model.OutboundMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the store acknowledged survives a killed process: a child JVM accepts into an H2 file (WRITE_DELAY=0), and
 * halts right after the acknowledgement; the parent reopens the file and finds every message.
 */
class H2CrashDurabilityTest {
    private static final int COUNT = 300;

    @TempDir
    Path dir;

    @Test
    void acknowledgedAcceptsSurviveAHaltedProcess() throws Exception {
        String db = dir.resolve("gateway").toString();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), H2CrashingAcceptor.class.getName(), db,
            Integer.toString(COUNT)).redirectErrorStream(true).start();
        boolean acknowledged = false;
        try (BufferedReader out = new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                acknowledged |= line.equals(H2CrashingAcceptor.ACKNOWLEDGED + " " + COUNT);
            }
        } catch (IOException e) {
            child.destroyForcibly();
            throw e;
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(acknowledged).as("child acknowledged its accepts").isTrue();
        assertThat(child.exitValue()).as("halted, not closed").isEqualTo(137);

        ExecutorService reads = Executors.newSingleThreadExecutor();
        try (HikariDataSource dataSource = DataSources.open(DataSourceSettings.of("jdbc:h2:file:" + db, "", ""));
             JdbcMessageStore store = JdbcMessageStore.open(dataSource, StoreSettings.defaults(1),
                 Clock.systemUTC(), reads)) {
            List<OutboundMessage> pending = store.pendingForResend(1, 0, COUNT + 1).get(30, TimeUnit.SECONDS);
            assertThat(pending).hasSize(COUNT);
            assertThat(pending.get(COUNT - 1).content()).isEqualTo("【sig】crash " + COUNT);
            assertThat(store.findMessage(COUNT).get(30, TimeUnit.SECONDS).orElseThrow().status())
                .isEqualTo(MessageStatus.ACCEPTED);
        } finally {
            reads.shutdownNow();
        }
    }
}
