package org.cmppgw.gateway.api;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.AsciiString;

import java.net.InetAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The checks every API request passes before its body is read, cheapest refusal first: credentials (50001/50002),
 * the app's allowed IPs (50035), its rate limit (50009), the content type (50017) and a non-empty body (50003).
 */
final class RequestGate {
    private final AppAuthenticator authenticator;

    RequestGate(AppAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    Outcome<ApiApp> admit(FullHttpRequest request, InetAddress peer) {
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            return Outcome.fail(ApiError.MISSING_AUTH);
        }
        ApiApp app = authenticator.authenticate(authorization);
        if (app == null) {
            return Outcome.fail(ApiError.AUTH_FAILED);
        }
        if (peer == null || !app.allows(peer)) {
            return Outcome.fail(ApiError.ILLEGAL_IP);
        }
        if (!app.tryAcquire()) {
            return Outcome.fail(ApiError.OUT_OF_FREQ);
        }
        if (!isJson(request)) {
            return Outcome.fail(ApiError.MEDIA_NOT_SUPPORTED);
        }
        if (isBlank(request)) {
            return Outcome.fail(ApiError.MISSING_BODY);
        }
        return Outcome.ok(app);
    }

    private static boolean isJson(FullHttpRequest request) {
        CharSequence mime = HttpUtil.getMimeType(request);
        if (mime == null || !AsciiString.contentEqualsIgnoreCase(mime, HttpHeaderValues.APPLICATION_JSON)) {
            return false;
        }
        Charset charset = HttpUtil.getCharset(request, StandardCharsets.UTF_8);
        return StandardCharsets.UTF_8.equals(charset);
    }

    /** Empty, or whitespace only. */
    private static boolean isBlank(FullHttpRequest request) {
        ByteBuf content = request.content();
        for (int i = content.readerIndex(); i < content.writerIndex(); i++) {
            byte b = content.getByte(i);
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
