package org.cmppgw.cmpp.session;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ReferenceCountUtil;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.auth.Authenticator;
import org.cmppgw.cmpp.codec.CmppDecoder;
import org.cmppgw.cmpp.codec.CmppEncoder;
import org.cmppgw.cmpp.pdu.CmppConnect;
import org.cmppgw.cmpp.pdu.CmppConnectResp;

import java.util.concurrent.TimeUnit;

/**
 * A fake ISMG that accepts any login with a correct AuthenticatorISMG and then never answers anything again, not even
 * ACTIVE_TEST: a peer that is dead behind an open socket.
 */
final class SilentIsmg implements AutoCloseable {
    private final Channel serverChannel;

    SilentIsmg(EventLoopGroup group) {
        serverChannel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(new CmppDecoder(CmppVersion.V30), CmppEncoder.V30,
                        new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                if (msg instanceof CmppConnect connect) {
                                    ctx.writeAndFlush(new CmppConnectResp(connect.sequenceId(), 0,
                                        Authenticator.ismg(0, CmppVersion.V30, connect.authenticatorSource(),
                                            TestPdus.SECRET), 0x30));
                                }
                                ReferenceCountUtil.release(msg);
                            }
                        });
                }
            }).bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    int port() {
        return ((java.net.InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
