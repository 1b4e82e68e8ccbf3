package org.cmppgw.cmpp.session.server;

import io.netty.channel.Channel;
import org.cmppgw.cmpp.session.CmppSession;
import org.cmppgw.cmpp.session.CmppSessionListener;

import java.util.function.Function;

/**
 * Opens the server's pipeline to tests of other packages: the session core's tests log in as the ISMG on an
 * {@code EmbeddedChannel} through the real login, without a {@link CmppServer} or a socket.
 */
public final class ServerChannels {
    private ServerChannels() {
    }

    /** The pipeline {@link CmppServer} gives each accepted connection, with a connection counter of its own. */
    public static void init(Channel channel, CmppServerConfig config, CmppAccountRegistry accounts,
                            Function<CmppSession, CmppSessionListener> listeners) {
        CmppServer.initChannel(channel, new ServerLoginPolicy(config, accounts), new ConnectionCounter(), listeners);
    }
}
