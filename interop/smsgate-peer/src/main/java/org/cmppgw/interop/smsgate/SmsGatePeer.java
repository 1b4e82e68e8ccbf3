package org.cmppgw.interop.smsgate;

import com.zx.sms.BaseMessage;
import com.zx.sms.codec.cmpp.msg.CmppSubmitRequestMessage;
import com.zx.sms.common.util.ChannelUtil;
import com.zx.sms.connect.manager.EndpointEntity;
import com.zx.sms.connect.manager.EndpointManager;
import com.zx.sms.connect.manager.cmpp.CMPPServerChildEndpointEntity;
import com.zx.sms.connect.manager.cmpp.CMPPServerEndpointEntity;
import com.zx.sms.handler.api.BusinessHandlerInterface;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.Promise;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the published SMSGate library as the other side of a CMPP link, for the interop tests (docs/interop.md).
 *
 * <pre>
 * server --port 0 --account 901234 --secret secret --version 3.0|2.0 [--multi-link true] [--stat DELIVRD]
 * client --host 127.0.0.1 --port N --account 901234 --secret secret --version 3.0|2.0 [--connections 1]
 *        [--send ascii:2,ucs2:2,long:1] [--mobile-start 13800000000] [--src-id 10690001]
 * </pre>
 *
 * Events go to stdout, one JSON object per line; SMSGate's own log goes to stderr. The peer reads stdin: the line
 * {@code stop}, or the end of the input (the test is gone), closes every endpoint and exits.
 */
public final class SmsGatePeer {
    private static final long CONNECT_WAIT_MILLIS = 30_000;
    private static final long RETRY_PAUSE_MILLIS = 20;

    private final PeerOptions options;
    private final Events events;

    private SmsGatePeer(PeerOptions options, Events events) {
        this.options = options;
        this.events = events;
    }

    public static void main(String[] args) throws Exception {
        Events events = new Events(System.out);
        PeerOptions options;
        try {
            options = PeerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            events.emit("error", "message", e.getMessage());
            System.exit(2);
            return;
        }
        SmsGatePeer peer = new SmsGatePeer(options, events);
        if ("server".equals(options.mode())) {
            peer.server();
        } else {
            peer.client();
        }
        peer.awaitStop();
        EndpointManager.INS.close();
        events.emit("stopped");
        System.exit(0);
    }

    private void server() throws Exception {
        CMPPServerEndpointEntity server = new WatchedServerEntity(events);
        server.setId("interop-ismg");
        server.setHost(options.text("host", "127.0.0.1"));
        server.setPort(options.number("port", 0, 0, 65535));
        server.setValid(true);

        CMPPServerChildEndpointEntity account = new CMPPServerChildEndpointEntity();
        account.setId("interop-ismg-account");
        account.setValid(true);
        account.setUserName(options.text("account", "901234"));
        account.setPassword(options.text("secret", "secret"));
        account.setVersion(options.version());
        account.setMaxChannels((short) options.number("connections", 16, 1, 128));
        account.setWindow(options.number("window", 32, 1, 1024));
        account.setRetryWaitTimeSec((short) 30);
        account.setMaxRetryCnt((short) 3);
        account.setReSendFailMsg(false);
        account.setRecvLongMsgOnMultiLink(options.flag("multi-link"));
        account.setSupportLongmsg(EndpointEntity.SupportLongMessage.BOTH);
        List<BusinessHandlerInterface> handlers = new ArrayList<>();
        handlers.add(new IsmgHandler(events, options.text("stat", "DELIVRD")));
        account.setBusinessHandlerSet(handlers);
        server.addchild(account);

        EndpointManager.INS.addEndpointEntity(server);
        ChannelFuture bound = server.getSingletonConnector().open();
        int port = ((InetSocketAddress) bound.channel().localAddress()).getPort();
        events.emit("ready", "mode", "server", "port", port, "version", options.text("version", "3.0"),
            "multiLink", options.flag("multi-link"));
    }

    private void client() throws Exception {
        WatchedClientEntity sp = new WatchedClientEntity(events);
        sp.setId("interop-sp");
        sp.setValid(true);
        sp.setHost(options.text("host", "127.0.0.1"));
        sp.setPort(options.number("port", 7890, 1, 65535));
        sp.setUserName(options.text("account", "901234"));
        sp.setPassword(options.text("secret", "secret"));
        sp.setVersion(options.version());
        int connections = options.number("connections", 1, 1, 32);
        sp.setMaxChannels((short) connections);
        sp.setWindow(options.number("window", 16, 1, 1024));
        sp.setSpCode(options.text("src-id", "10690001"));
        sp.setMsgSrc(options.text("account", "901234"));
        sp.setServiceId(options.text("service-id", ""));
        sp.setRetryWaitTimeSec((short) 30);
        sp.setMaxRetryCnt((short) 3);
        sp.setReSendFailMsg(false);
        sp.setSupportLongmsg(EndpointEntity.SupportLongMessage.BOTH);
        List<BusinessHandlerInterface> handlers = new ArrayList<>();
        handlers.add(new SpHandler(events));
        sp.setBusinessHandlerSet(handlers);

        EndpointManager.INS.openEndpoint(sp);
        EndpointManager.INS.startConnectionCheckTask();
        events.emit("ready", "mode", "client", "version", options.text("version", "3.0"));

        String send = options.text("send", "");
        if (send.isEmpty()) {
            return;
        }
        long deadline = System.currentTimeMillis() + CONNECT_WAIT_MILLIS;
        while (sp.getSingletonConnector().getConnectionNum() < connections) {
            if (System.currentTimeMillis() > deadline) {
                events.emit("error", "message", "client - not logged in after " + CONNECT_WAIT_MILLIS + " ms"
                    + " (connections=" + sp.getSingletonConnector().getConnectionNum() + ", wanted=" + connections
                    + ")");
                return;
            }
            TimeUnit.MILLISECONDS.sleep(RETRY_PAUSE_MILLIS);
        }
        sendAll(sp, send);
    }

    /** Sends {@code spec} ({@code kind:count,...}) to consecutive mobiles; every part of one message together. */
    private void sendAll(EndpointEntity sp, String spec) throws Exception {
        long mobile = options.longNumber("mobile-start", 13_800_000_000L);
        int sent = 0;
        for (String item : spec.split(",")) {
            String[] kv = item.split(":");
            if (kv.length != 2) {
                throw new IllegalArgumentException("--send: " + item + " (expected: kind:count)");
            }
            int count = Integer.parseInt(kv[1]);
            for (int i = 0; i < count; i++) {
                CmppSubmitRequestMessage submit = CmppSubmitRequestMessage.create(Long.toString(mobile),
                    options.text("src-id", "10690001"), MessageTexts.of(kv[0], sent));
                submit.setRegisteredDelivery((short) 1);
                submit.setServiceId(options.text("service-id", ""));
                write(sp, submit);
                events.emit("sent", "mobile", Long.toString(mobile), "kind", kv[0], "text", submit.getMsgContent());
                mobile++;
                sent++;
            }
        }
        events.emit("sent-all", "count", sent);
    }

    private void write(EndpointEntity sp, CmppSubmitRequestMessage submit) throws Exception {
        long deadline = System.currentTimeMillis() + CONNECT_WAIT_MILLIS;
        while (true) {
            List<Promise<BaseMessage>> written = ChannelUtil.syncWriteLongMsgToEntity(sp, submit);
            if (written != null) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("client - no writable connection for " + CONNECT_WAIT_MILLIS
                    + " ms (mobile=" + submit.getDestterminalId()[0] + ")");
            }
            TimeUnit.MILLISECONDS.sleep(RETRY_PAUSE_MILLIS);
        }
    }

    private void awaitStop() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if ("stop".equals(line.trim())) {
                return;
            }
            events.emit("error", "message", "stdin - unknown command: " + line + " (expected: stop)");
        }
    }
}
