package org.cmppgw.interop.smsgate;

import com.zx.sms.codec.cmpp.msg.CmppConnectResponseMessage;
import com.zx.sms.common.GlobalConstance;
import com.zx.sms.connect.manager.cmpp.CMPPClientEndpointConnector;
import com.zx.sms.connect.manager.cmpp.CMPPClientEndpointEntity;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;

/**
 * SMSGate's SP endpoint with one addition: every CONNECT_RESP and every closed connection becomes an event, so a
 * test sees a refused login (its Status) that SMSGate itself only logs.
 */
// SMSGate declares buildConnector() generic and overrides it with a concrete type, as this class has to.
@SuppressWarnings("unchecked")
final class WatchedClientEntity extends CMPPClientEndpointEntity {
    private static final long serialVersionUID = 1L;
    private final transient Events events;

    WatchedClientEntity(Events events) {
        this.events = events;
    }

    @Override
    protected CMPPClientEndpointConnector buildConnector() {
        return new Connector(this, new LoginWatch(events));
    }

    private static final class Connector extends CMPPClientEndpointConnector {
        private final LoginWatch watch;

        Connector(CMPPClientEndpointEntity entity, LoginWatch watch) {
            super(entity);
            this.watch = watch;
        }

        @Override
        protected void doinitPipeLine(ChannelPipeline pipeline) {
            super.doinitPipeLine(pipeline);
            pipeline.addBefore(GlobalConstance.sessionLoginManager, "interopLoginWatch", watch);
        }
    }

    @ChannelHandler.Sharable
    private static final class LoginWatch extends ChannelInboundHandlerAdapter {
        private final Events events;

        LoginWatch(Events events) {
            this.events = events;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof CmppConnectResponseMessage resp) {
                events.emit("login", "conn", ctx.channel().id().asShortText(), "status", resp.getStatus(),
                    "version", resp.getVersion());
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            events.emit("closed", "conn", ctx.channel().id().asShortText());
            ctx.fireChannelInactive();
        }
    }
}
