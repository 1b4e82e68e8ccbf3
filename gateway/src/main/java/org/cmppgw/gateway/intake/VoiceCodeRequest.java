package org.cmppgw.gateway.intake;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * The body of {@code POST /v1/voice_codes}, validated although no voice channel exists (docs/api.md "Voice codes").
 *
 * @param mobile    recipient; a JSON string only
 * @param code      the code to read out, 4 to 8 digits; generated when absent
 * @param voiceLang 0 Chinese, 1 English, 2 Chinese then English
 * @param ttl       seconds the code stays valid
 */
public record VoiceCodeRequest(@JsonProperty("mobile") @JsonDeserialize(using = JsonStringOnly.class) String mobile,
                               @JsonProperty("code") @JsonDeserialize(using = JsonStringOnly.class) String code,
                               @JsonProperty("voice_lang") Integer voiceLang,
                               @JsonProperty("ttl") Integer ttl) {
    public static final int MIN_CODE_LENGTH = 4;
    public static final int MAX_CODE_LENGTH = 8;
    public static final int MAX_VOICE_LANG = 2;
}
