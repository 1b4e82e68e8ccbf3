package org.cmppgw.gateway.api;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.util.AsciiString;
import org.cmppgw.gateway.intake.ApiError;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * What a route takes as its body (docs/api.md): the content type it must come with (50017 otherwise) and whether it
 * may be empty (50003). Checked after the app is authenticated and within its rate. Media types compare without
 * case; a charset, when given, must be UTF-8.
 */
enum BodyRule {
    /** {@code application/json}, not blank. */
    JSON {
        @Override
        boolean acceptsType(HttpRequest request) {
            return hasMime(request, HttpHeaderValues.APPLICATION_JSON) && isUtf8(request);
        }
    },
    /** {@code application/x-www-form-urlencoded}, not blank. */
    FORM {
        @Override
        boolean acceptsType(HttpRequest request) {
            return hasMime(request, HttpHeaderValues.APPLICATION_X_WWW_FORM_URLENCODED) && isUtf8(request);
        }
    },
    /** {@code multipart/form-data} with a boundary, not blank. */
    MULTIPART {
        @Override
        boolean acceptsType(HttpRequest request) {
            try {
                return HttpPostRequestDecoder.isMultipart(request);
            } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
                return false; // multipart without a boundary
            }
        }
    },
    /**
     * No body: whatever content type and body come are ignored. JSMS's SDK sends {@code Content-Type:
     * application/json} with an empty body on GET and DELETE.
     */
    NONE {
        @Override
        boolean acceptsType(HttpRequest request) {
            return true;
        }

        @Override
        ApiError check(FullHttpRequest request) {
            return null;
        }
    };

    abstract boolean acceptsType(HttpRequest request);

    /** Why the request's body does not fit this rule, or null when it does. */
    ApiError check(FullHttpRequest request) {
        if (!acceptsType(request)) {
            return ApiError.MEDIA_NOT_SUPPORTED;
        }
        return isBlank(request.content()) ? ApiError.MISSING_BODY : null;
    }

    private static boolean hasMime(HttpRequest request, AsciiString expected) {
        CharSequence mime = HttpUtil.getMimeType(request);
        return mime != null && AsciiString.contentEqualsIgnoreCase(mime, expected);
    }

    private static boolean isUtf8(HttpRequest request) {
        Charset charset = HttpUtil.getCharset(request, StandardCharsets.UTF_8);
        return StandardCharsets.UTF_8.equals(charset);
    }

    /** Empty, or whitespace only. */
    private static boolean isBlank(ByteBuf content) {
        for (int i = content.readerIndex(); i < content.writerIndex(); i++) {
            byte b = content.getByte(i);
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
