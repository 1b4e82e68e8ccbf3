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
 * Builds send requests from templates encoded once: the JSON around the mobile numbers (or, in email mode, around the
 * {@code to} addresses, which embed the same 11 digits) is fixed bytes, and the headers (with Content-Length, which
 * only depends on the recipient count because every number has 11 digits) are one shared instance. Per request it
 * allocates the body buffer and the request object, nothing else. Confined to the generator's event loop (it reuses
 * a digit scratch array).
 *
 * <p>Every mode is one shape: {@code head}, then per recipient {@code itemOpen} + 11 digits + {@code itemTail}
 * separated by commas, then {@code close}. SMS, codes and email share it so that an email run costs the generator
 * what an SMS run does.
 */
final class RequestEncoder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] MOBILE_OPEN = utf8("{\"mobile\":\"");
    private static final byte[] EMAIL_OPEN = utf8("\"u");
    /** The domain of the generated {@code to} addresses: reserved for examples, never a real mailbox. */
    static final String EMAIL_DOMAIN = "example.com";
    /** The subject of every generated mail. */
    static final String EMAIL_SUBJECT = "Your order has shipped";
    private static final String FILLER = "Thank you for your order. Your parcel has left our warehouse and is on its "
        + "way; track it with the link in your account. ";
    private static final int LINE = 76;
    private static final byte COMMA = ',';
    private static final byte[] LIST_CLOSE = utf8("]}");

    private final String uri;
    private final int fullCount;
    private final HttpHeaders fullHeaders;
    private final HttpHeaders baseHeaders;
    private final byte[] head;
    private final byte[] itemOpen;
    private final byte[] itemTail;
    private final byte[] close;
    private final byte[] digits = new byte[Mobiles.LENGTH];

    /**
     * @param callbackUrl the {@code callback_url} to put in each request, or {@code null} for none
     */
    RequestEncoder(LoadConfig config, URI target, String callbackUrl) {
        this.fullCount = config.recipientsPerRequest();
        String base = target.getRawPath() == null ? "" : target.getRawPath();
        this.uri = base + switch (config.mode()) {
            case SINGLE -> "/v1/messages";
            case BATCH -> "/v1/messages/batch";
            case EMAIL -> "/v1/emails";
            case CODE -> "/v1/codes";
        };
        ObjectNode common = JSON.createObjectNode();
        if (config.mode() == LoadConfig.Mode.EMAIL) {
            common.put("subject", EMAIL_SUBJECT).put("text", emailText(config.emailBodyBytes()));
        } else {
            common.put("temp_id", config.tempId());
            if (config.signId() != 0) {
                common.put("sign_id", config.signId());
            }
        }
        if (callbackUrl != null) {
            common.put("callback_url", callbackUrl);
        }
        String tempPara = JSON.valueToTree(config.tempPara()).toString();
        String commonJson = common.toString();
        String commonFields = commonJson.substring(1, commonJson.length() - 1);
        switch (config.mode()) {
            case SINGLE, CODE -> {
                // {"mobile":"…","temp_id":1,...,"temp_para":{…}}; a code has no temp_para: the gateway draws it
                this.head = new byte[0];
                this.itemOpen = MOBILE_OPEN;
                String para = config.mode() == LoadConfig.Mode.CODE ? "" : ",\"temp_para\":" + tempPara;
                this.itemTail = utf8("\"," + commonFields + para + "}");
                this.close = new byte[0];
            }
            case BATCH -> {
                // {"temp_id":1,...,"recipients":[ {"mobile":"…","temp_para":{…}} , … ]}
                this.head = utf8("{" + commonFields + ",\"recipients\":[");
                this.itemOpen = MOBILE_OPEN;
                this.itemTail = utf8("\",\"temp_para\":" + tempPara + "}");
                this.close = LIST_CLOSE;
            }
            default -> {
                // {"subject":"…","text":"…",...,"to":[ "u…@example.com" , … ]}
                this.head = utf8("{" + commonFields + ",\"to\":[");
                this.itemOpen = EMAIL_OPEN;
                this.itemTail = utf8("@" + EMAIL_DOMAIN + "\"");
                this.close = LIST_CLOSE;
            }
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

    /**
     * A mail body of exactly {@code length} ASCII characters that reads like a notification: sentences broken into
     * lines of at most 76 characters, as mail clients write them (a line break counts as one character).
     */
    static String emailText(int length) {
        StringBuilder text = new StringBuilder(length);
        int column = 0;
        for (int i = 0; text.length() < length; i++) {
            if (column == LINE - 1) {
                text.append('\n');
                column = 0;
            } else {
                text.append(FILLER.charAt(i % FILLER.length()));
                column++;
            }
        }
        return text.toString();
    }

    /** The body size for {@code count} recipients. */
    int bodyLength(int count) {
        int item = itemOpen.length + Mobiles.LENGTH + itemTail.length;
        return head.length + count * item + (count - 1) + close.length;
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
            body.writeBytes(itemOpen);
            writeDigits(body, firstMobile + i);
            body.writeBytes(itemTail);
        }
        body.writeBytes(close);
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
