package org.cmppgw.gateway.api;

import io.netty.handler.codec.http.FullHttpResponse;
import org.cmppgw.gateway.intake.ApiError;

/**
 * A response ready to write and the JSMS code it carries (for the request metrics).
 *
 * @param response the response; whoever holds the reply owns its buffer
 * @param code     {@link ApiError#SUCCESS_CODE} or the error's code
 */
record ApiReply(FullHttpResponse response, int code) {
}
