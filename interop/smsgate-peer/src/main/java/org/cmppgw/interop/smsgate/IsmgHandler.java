package org.cmppgw.interop.smsgate;

import com.zx.sms.codec.cmpp.msg.CmppDeliverRequestMessage;
import com.zx.sms.codec.cmpp.msg.CmppReportRequestMessage;
import com.zx.sms.codec.cmpp.msg.CmppSubmitRequestMessage;
import com.zx.sms.codec.cmpp.msg.CmppSubmitResponseMessage;
import com.zx.sms.common.util.MsgId;
import com.zx.sms.handler.api.AbstractBusinessHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SMSGate as ISMG: answers every SUBMIT that SMSGate hands up (a long message arrives merged, its parts as
 * fragments) with Result 0 and a fresh Msg_Id per part, then sends one status report per part when the SUBMIT asked
 * for one. Both go out on the connection the (last) part came in on, as SMSGate's own server examples do; with the
 * multi-link option that may be another connection than the earlier parts used. The SUBMIT_RESPs and the first
 * report leave in one flush: a real ISMG keeps the reports it owes across a crash, this one keeps nothing, so a
 * killed peer loses an answer and its report together or neither (docs/interop.md, "Kill and restart").
 */
@ChannelHandler.Sharable
final class IsmgHandler extends AbstractBusinessHandler {
    private final Events events;
    private final String stat;
    private final AtomicLong smscSequence = new AtomicLong();

    IsmgHandler(Events events, String stat) {
        this.events = events;
        this.stat = stat;
    }

    @Override
    public String name() {
        return "interopIsmg";
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // SMSGate adds business handlers once the login succeeded.
        events.emit("session", "conn", ctx.channel().id().asShortText());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        events.emit("closed", "conn", ctx.channel().id().asShortText());
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof CmppSubmitRequestMessage submit) {
            answer(ctx.channel(), submit);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void answer(Channel channel, CmppSubmitRequestMessage submit) {
        List<CmppSubmitRequestMessage> parts = new ArrayList<>();
        parts.add(submit);
        if (submit.getFragments() != null) {
            parts.addAll(submit.getFragments());
        }
        String conn = channel.id().asShortText();
        String mobile = submit.getDestterminalId().length > 0 ? submit.getDestterminalId()[0] : "";
        // Every event is printed before its PDU is written: a killed peer never leaves an answer on the wire that
        // its events do not show.
        List<MsgId> ids = new ArrayList<>();
        StringBuilder joined = new StringBuilder();
        for (CmppSubmitRequestMessage part : parts) {
            MsgId id = new MsgId();
            ids.add(id);
            joined.append(joined.length() == 0 ? "" : ",").append(hex(id));
            events.emit("submit", "conn", conn, "seq", part.getHeader().getSequenceId(), "msgId", hex(id),
                "mobile", mobile, "srcId", part.getSrcId(), "pkTotal", part.getPktotal(),
                "pkNumber", part.getPknumber(), "msgFmt", part.getMsgfmt().getValue(),
                "registeredDelivery", part.getRegisteredDelivery());
        }
        events.emit("message", "conn", conn, "mobile", mobile, "parts", parts.size(), "msgIds", joined.toString(),
            "text", submit.getMsgContent());
        for (int i = 0; i < parts.size(); i++) {
            CmppSubmitResponseMessage resp = new CmppSubmitResponseMessage(parts.get(i).getHeader().getSequenceId());
            resp.setMsgId(ids.get(i));
            resp.setResult(0);
            channel.write(resp);
        }
        if (submit.getRegisteredDelivery() == 0) {
            channel.flush();
            return;
        }
        for (int i = 0; i < parts.size(); i++) {
            CmppSubmitRequestMessage part = parts.get(i);
            CmppReportRequestMessage report = new CmppReportRequestMessage();
            report.setMsgId(ids.get(i));
            report.setStat(stat);
            report.setDestterminalId(mobile);
            report.setSmscSequence(smscSequence.incrementAndGet());
            CmppDeliverRequestMessage deliver = new CmppDeliverRequestMessage();
            deliver.setDestId(part.getSrcId());
            deliver.setServiceid(part.getServiceId());
            deliver.setSrcterminalId(mobile);
            deliver.setReportRequestMessage(report);
            events.emit("report-sent", "conn", conn, "msgId", hex(ids.get(i)), "mobile", mobile, "stat", stat);
            channel.writeAndFlush(deliver);
        }
    }

    static String hex(MsgId id) {
        return id.toHexString(false);
    }
}
