package org.cmppgw.interop.smsgate;

import com.zx.sms.codec.cmpp.msg.CmppDeliverRequestMessage;
import com.zx.sms.codec.cmpp.msg.CmppDeliverResponseMessage;
import com.zx.sms.codec.cmpp.msg.CmppReportRequestMessage;
import com.zx.sms.codec.cmpp.msg.CmppSubmitRequestMessage;
import com.zx.sms.codec.cmpp.msg.CmppSubmitResponseMessage;
import com.zx.sms.handler.api.AbstractBusinessHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;

/**
 * SMSGate as SP: reports every SUBMIT_RESP (with the part it answers, which SMSGate's session pairs by
 * Sequence_Id) and every status report, and acknowledges each DELIVER with Result 0.
 */
@ChannelHandler.Sharable
final class SpHandler extends AbstractBusinessHandler {
    private final Events events;

    SpHandler(Events events) {
        this.events = events;
    }

    @Override
    public String name() {
        return "interopSp";
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        String conn = ctx.channel().id().asShortText();
        if (msg instanceof CmppSubmitResponseMessage resp) {
            String mobile = "";
            short pkTotal = 0;
            short pkNumber = 0;
            if (resp.getRequest() instanceof CmppSubmitRequestMessage req) {
                mobile = req.getDestterminalId().length > 0 ? req.getDestterminalId()[0] : "";
                pkTotal = req.getPktotal();
                pkNumber = req.getPknumber();
            }
            events.emit("submit-resp", "conn", conn, "seq", resp.getHeader().getSequenceId(),
                "msgId", IsmgHandler.hex(resp.getMsgId()), "result", resp.getResult(), "mobile", mobile,
                "pkTotal", pkTotal, "pkNumber", pkNumber);
        } else if (msg instanceof CmppDeliverRequestMessage deliver) {
            CmppDeliverResponseMessage resp = new CmppDeliverResponseMessage(deliver.getHeader().getSequenceId());
            resp.setMsgId(deliver.getMsgId());
            resp.setResult(0);
            ctx.channel().writeAndFlush(resp);
            CmppReportRequestMessage report = deliver.getReportRequestMessage();
            if (deliver.isReport() && report != null) {
                events.emit("report", "conn", conn, "msgId", IsmgHandler.hex(report.getMsgId()),
                    "stat", report.getStat(), "mobile", report.getDestterminalId());
            } else {
                events.emit("mo", "conn", conn, "mobile", deliver.getSrcterminalId(), "destId", deliver.getDestId(),
                    "text", deliver.getMsgContent());
            }
        } else {
            ctx.fireChannelRead(msg);
        }
    }
}
