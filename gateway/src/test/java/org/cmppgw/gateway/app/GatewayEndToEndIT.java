package org.cmppgw.gateway.app;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** {@link GatewayEndToEndContract} on the embedded H2 file database, as the demo runs. */
final class GatewayEndToEndIT extends GatewayEndToEndContract {
    @TempDir
    Path dir;

    @Override
    Database database() {
        return new Database(E2e.h2Url(dir.resolve("db-" + System.nanoTime())), "sa", "");
    }
}
