package org.cmppgw.gateway.intake;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * The body of {@code POST /v1/codes/{msg_id}/valid}.
 *
 * @param code the code the user typed; a JSON string only (a number would have lost its leading zeros)
 */
public record CheckCodeRequest(@JsonProperty("code") @JsonDeserialize(using = JsonStringOnly.class) String code) {
}
