package org.cmppgw.gateway.persistence.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.model.OutboundMessage;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Run by {@link H2CrashDurabilityTest} in a child JVM: accepts messages into an H2 file, prints their ids once the
 * store has acknowledged them, then halts without any shutdown (no hooks, no close), as a killed process would.
 */
public final class H2CrashingAcceptor {
    static final String ACKNOWLEDGED = "ACKNOWLEDGED";

    private H2CrashingAcceptor() {
    }

    public static void main(String[] args) {
        String url = "jdbc:h2:file:" + args[0];
        int count = Integer.parseInt(args[1]);
        HikariDataSource dataSource = DataSources.open(DataSourceSettings.of(url, "", ""));
        ExecutorService reads = Executors.newSingleThreadExecutor();
        JdbcMessageStore store = JdbcMessageStore.open(dataSource, StoreSettings.defaults(1), Clock.systemUTC(),
            reads);
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            OutboundMessage m = new OutboundMessage(i, "app", "13800138000", "【sig】crash " + i, 1, 5, null, 1,
                Instant.now());
            acks.add(store.accept(List.of(m)));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        System.out.println(ACKNOWLEDGED + " " + count);
        System.out.flush();
        Runtime.getRuntime().halt(137);
    }
}
