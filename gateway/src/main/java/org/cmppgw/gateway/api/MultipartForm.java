package org.cmppgw.gateway.api;

import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.HttpData;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import org.cmppgw.gateway.catalog.SignatureRequest;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the multipart body of {@code POST /v1/sign} (docs/api.md "Signatures") with Netty's decoder, in memory (the
 * body is already whole and capped by {@code server.maxRequestSize}): text parts {@code sign}, {@code type},
 * {@code remark}, each at most once (50007 otherwise), and images in parts named {@code images} (JSMS's SDK, repeated)
 * or {@code image0}..{@code image3} (JSMS's documentation), in the order sent. Other parts are ignored. JSMS's SDK
 * writes {@code multipart/form-data ; boundary=…}, with a space before the {@code ;}: Netty reads it.
 */
final class MultipartForm {
    private static final String IMAGES = "images";
    private static final String IMAGE_PREFIX = "image";

    private MultipartForm() {
    }

    static Outcome<SignatureRequest> signature(ApiRequest request) {
        DefaultFullHttpRequest copy = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, request.uri(),
            request.body().retainedDuplicate());
        if (request.contentType() != null) {
            copy.headers().set(HttpHeaderNames.CONTENT_TYPE, request.contentType());
        }
        HttpPostRequestDecoder decoder = null;
        try {
            decoder = new HttpPostRequestDecoder(new DefaultHttpDataFactory(false), copy, StandardCharsets.UTF_8);
            Map<String, String> texts = new HashMap<>();
            List<byte[]> images = new ArrayList<>();
            for (InterfaceHttpData part : decoder.getBodyHttpDatas()) {
                if (!(part instanceof HttpData data)) {
                    continue;
                }
                String name = part.getName();
                if (IMAGES.equals(name) || isNumberedImage(name)) {
                    images.add(data.get());
                } else if ("sign".equals(name) || "type".equals(name) || "remark".equals(name)) {
                    if (texts.put(name, data.getString(StandardCharsets.UTF_8)) != null) {
                        return Outcome.fail(ApiError.INVALID_BODY, "part " + name + " given twice");
                    }
                }
            }
            return Outcome.ok(new SignatureRequest(texts.get("sign"), texts.get("type"), texts.get("remark"), images));
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
            return Outcome.fail(ApiError.INVALID_BODY, "malformed multipart body");
        } catch (IOException e) {
            return Outcome.fail(ApiError.INVALID_BODY, "unreadable multipart part");
        } finally {
            if (decoder != null) {
                decoder.destroy();
            }
            copy.release();
        }
    }

    private static boolean isNumberedImage(String name) {
        return name.length() == IMAGE_PREFIX.length() + 1 && name.startsWith(IMAGE_PREFIX)
            && name.charAt(IMAGE_PREFIX.length()) >= '0' && name.charAt(IMAGE_PREFIX.length()) <= '3';
    }
}
