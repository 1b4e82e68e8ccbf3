package org.cmppgw.interop.smsgate;

import com.zx.sms.codec.cmpp.msg.CmppSubmitRequestMessage;
import com.zx.sms.common.GlobalConstance;
import com.zx.sms.connect.manager.cmpp.CMPPServerEndpointConnector;
import com.zx.sms.connect.manager.cmpp.CMPPServerEndpointEntity;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;

/**
 * SMSGate's ISMG port with one addition: every SUBMIT as it comes off the wire, before SMSGate reassembles long
 * messages, becomes a {@code part} event, so a test sees on which connection each part arrived even when SMSGate
 * never completes (and never answers) the message.
 */
// SMSGate declares buildConnector() generic and overrides it with a concrete type, as this class has to.
@SuppressWarnings("unchecked")
final class WatchedServerEntity extends CMPPServerEndpointEntity {
    private static final long serialVersionUID = 1L;
    private final transient Events events;

    WatchedServerEntity(Events events) {
        this.events = events;
    }

    @Override
    protected CMPPServerEndpointConnector buildConnector() {
        return new Connector(this, new PartWatch(events));
    }

    private static final class Connector extends CMPPServerEndpointConnector {
        private final PartWatch watch;

        Connector(CMPPServerEndpointEntity entity, PartWatch watch) {
            super(entity);
            this.watch = watch;
        }

        @Override
        protected void doinitPipeLine(ChannelPipeline pipeline) {
            super.doinitPipeLine(pipeline);
            pipeline.addBefore(GlobalConstance.sessionLoginManager, "interopPartWatch", watch);
        }
    }

    @ChannelHandler.Sharable
    private static final class PartWatch extends ChannelInboundHandlerAdapter {
        private final Events events;

        PartWatch(Events events) {
            this.events = events;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof CmppSubmitRequestMessage part) {
                events.emit("part", "conn", ctx.channel().id().asShortText(), "seq", part.getHeader().getSequenceId(),
                    "mobile", part.getDestterminalId().length > 0 ? part.getDestterminalId()[0] : "",
                    "pkTotal", part.getPktotal(), "pkNumber", part.getPknumber());
            }
            ctx.fireChannelRead(msg);
        }
    }
}
