package org.cmppgw.cmpp.session;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.Future;
import org.cmppgw.cmpp.CmppVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Real sockets on 127.0.0.1: a client event loop, servers on port 0, and helpers that wait with deadlines. */
final class SocketFixture {
    static final long WAIT_SECONDS = 10;

    final EventLoopGroup clientGroup = new NioEventLoopGroup(1);
    private final List<AutoCloseable> closeables = new ArrayList<>();

    CmppServer server(CmppServerConfig.Builder config, CmppAccountRegistry accounts,
                      Function<CmppSession, CmppSessionListener> listeners) {
        CmppServer server = CmppServer.bind(config.host("127.0.0.1").port(0).ioThreads(1).build(), accounts,
            listeners);
        closeables.add(server);
        return server;
    }

    <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    static CmppServerConfig.Builder serverConfig() {
        return CmppServerConfig.builder();
    }

    static CmppClientConfig.Builder clientConfig(int port, CmppVersion version) {
        return CmppClientConfig.builder("127.0.0.1", port, TestPdus.ACCOUNT, TestPdus.SECRET).version(version)
            .strictIsmgAuth(true);
    }

    Future<CmppSession> connect(CmppClientConfig config, CmppSessionListener listener) {
        return CmppClient.connect(clientGroup, config, listener);
    }

    static <T> T await(Future<T> future) throws InterruptedException {
        assertThat(future.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("future done within 10 s").isTrue();
        return future.getNow();
    }

    static Throwable awaitFailure(Future<?> future) throws InterruptedException {
        assertThat(future.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("future done within 10 s").isTrue();
        assertThat(future.isSuccess()).as("future failed").isFalse();
        return future.cause();
    }

    /** Runs {@code task} on the session's event loop and waits for it. */
    static <T> T onLoop(CmppSession session, Callable<T> task) throws Exception {
        try {
            return session.channel().eventLoop().submit(task).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    static void poll(String what, BooleanSupplier condition) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException(what + " - not within " + WAIT_SECONDS + " s");
            }
            Thread.sleep(10);
        }
    }

    void close() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        clientGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
