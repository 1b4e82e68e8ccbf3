package org.cmppgw.cmpp.session;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.Future;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.session.client.CmppClient;
import org.cmppgw.cmpp.session.client.CmppClientConfig;
import org.cmppgw.cmpp.session.server.CmppAccountRegistry;
import org.cmppgw.cmpp.session.server.CmppServer;
import org.cmppgw.cmpp.session.server.CmppServerConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Real sockets on 127.0.0.1: a client event loop and servers on port 0, closed in reverse by {@link #close()}. */
public final class SocketFixture {
    public static final long WAIT_SECONDS = 10;

    public final EventLoopGroup clientGroup = new NioEventLoopGroup(1);
    private final List<AutoCloseable> closeables = new ArrayList<>();

    public CmppServer server(CmppServerConfig.Builder config, CmppAccountRegistry accounts,
                             Function<CmppSession, CmppSessionListener> listeners) {
        CmppServer server = CmppServer.bind(config.host("127.0.0.1").port(0).ioThreads(1).build(), accounts,
            listeners);
        closeables.add(server);
        return server;
    }

    public <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    public static CmppServerConfig.Builder serverConfig() {
        return CmppServerConfig.builder();
    }

    /** Sequence_Ids from 1 (CONNECT is 1, the first request 2), so tests can name the ids they expect. */
    public static CmppClientConfig.Builder clientConfig(int port, CmppVersion version) {
        return CmppClientConfig.builder("127.0.0.1", port, TestPdus.ACCOUNT, TestPdus.SECRET).version(version)
            .strictIsmgAuth(true).randomSequenceStart(false);
    }

    public Future<CmppSession> connect(CmppClientConfig config, CmppSessionListener listener) {
        return CmppClient.connect(clientGroup, config, listener);
    }

    /** Runs {@code task} on the session's event loop and waits for it. */
    public static <T> T onLoop(CmppSession session, Callable<T> task) throws Exception {
        try {
            return session.channel().eventLoop().submit(task).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    public void close() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        clientGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
