package org.cmppgw.simulator.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.cmppgw.simulator.jsms.Mobiles;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Builds send requests from templates encoded once: the JSON around the mobile numbers is fixed bytes, and the
 * headers (with Content-Length, which only depends on the recipient count because every number has 11 digits)
 * are one shared instance. Per request it allocates the body buffer and the request object, nothing else.
 * Confined to the generator's event loop (it reuses a digit scratch array).
 */
final class RequestEncoder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] MOBILE_OPEN = utf8("{\"mobile\":\"");
    private static final byte COMMA = ',';
    private static final byte[] BATCH_CLOSE = utf8("]}");

    private final String uri;
    private final int fullCount;
    private final HttpHeaders fullHeaders;
    private final HttpHeaders baseHeaders;
    private final byte[] head;
    private final byte[] itemTail;
    private final boolean batch;
    private final byte[] digits = new byte[Mobiles.LENGTH];

    /**
     * @param callbackUrl the {@code callback_url} to put in each request, or {@code null} for none
     */
    RequestEncoder(LoadConfig config, URI target, String callbackUrl) {
        this.batch = config.mode() == LoadConfig.Mode.BATCH;
        this.fullCount = config.recipientsPerRequest();
        String base = target.getRawPath() == null ? "" : target.getRawPath();
        this.uri = base + (batch ? "/v1/messages/batch" : "/v1/messages");

        ObjectNode common = JSON.createObjectNode().put("temp_id", config.tempId());
        if (config.signId() != 0) {
            common.put("sign_id", config.signId());
        }
        if (callbackUrl != null) {
            common.put("callback_url", callbackUrl);
        }
        String tempPara = JSON.valueToTree(config.tempPara()).toString();
        String commonJson = common.toString();
        String commonFields = commonJson.substring(1, commonJson.length() - 1);
        if (batch) {
            // {"temp_id":1,...,"recipients":[ {"mobile":"…","temp_para":{…}} , … ]}
            this.head = utf8("{" + commonFields + ",\"recipients\":[");
            this.itemTail = utf8("\",\"temp_para\":" + tempPara + "}");
        } else {
            // {"mobile":"…","temp_id":1,...,"temp_para":{…}}
            this.head = new byte[0];
            this.itemTail = utf8("\"," + commonFields + ",\"temp_para\":" + tempPara + "}");
        }
        String credentials = config.appKey() + ":" + config.masterSecret();
        this.baseHeaders = new DefaultHttpHeaders()
            .set(HttpHeaderNames.HOST, target.getPort() < 0 ? target.getHost() : target.getHost() + ":"
                + target.getPort())
            .set(HttpHeaderNames.AUTHORIZATION, "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
            .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        this.fullHeaders = headers(bodyLength(fullCount));
    }

    /** The body size for {@code count} recipients. */
    int bodyLength(int count) {
        int item = MOBILE_OPEN.length + Mobiles.LENGTH + itemTail.length;
        return batch ? head.length + count * item + (count - 1) + BATCH_CLOSE.length : item;
    }

    /** A request for {@code count} recipients, numbers {@code firstMobile .. firstMobile + count - 1}. */
    FullHttpRequest encode(ByteBufAllocator alloc, long firstMobile, int count) {
        int length = bodyLength(count);
        ByteBuf body = alloc.buffer(length);
        body.writeBytes(head);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                body.writeByte(COMMA);
            }
            body.writeBytes(MOBILE_OPEN);
            writeDigits(body, firstMobile + i);
            body.writeBytes(itemTail);
        }
        if (batch) {
            body.writeBytes(BATCH_CLOSE);
        }
        HttpHeaders headers = count == fullCount ? fullHeaders : headers(length);
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri, body, headers,
            EmptyHttpHeaders.INSTANCE);
    }

    private HttpHeaders headers(int contentLength) {
        return new DefaultHttpHeaders().add(baseHeaders).setInt(HttpHeaderNames.CONTENT_LENGTH, contentLength);
    }

    private void writeDigits(ByteBuf out, long mobile) {
        long rest = mobile;
        for (int i = Mobiles.LENGTH - 1; i >= 0; i--) {
            digits[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        out.writeBytes(digits);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
