package org.cmppgw.gateway.intake;

import org.cmppgw.gateway.config.TemplateConfig;
import org.cmppgw.gateway.model.MobileNumbers;

/**
 * Checks a {@code POST /v1/voice_codes} request field by field, in the order JSMS documents its errors: mobile
 * missing (50004) or invalid (50006), code not digits (50039) or not 4..8 of them (50038), voice_lang not 0..2
 * (50040), ttl not 1..86400 (50041). A valid request still fails: the gateway has no voice channel, so the answer is
 * 50008 (service not activated), as JSMS answers an app whose voice service is off (docs/api.md "Voice codes").
 */
public final class VoiceCodeAdmission {
    private VoiceCodeAdmission() {
    }

    /** The error the request is answered with; never success. */
    public static Outcome<Void> admit(VoiceCodeRequest request) {
        if (request.mobile() == null || request.mobile().isBlank()) {
            return Outcome.fail(ApiError.MISSING_MOBILE);
        }
        if (MobileNumbers.normalize(request.mobile().trim()) == null) {
            return Outcome.fail(ApiError.INVALID_MOBILE);
        }
        String code = request.code();
        if (code != null) {
            for (int i = 0; i < code.length(); i++) {
                if (code.charAt(i) < '0' || code.charAt(i) > '9') {
                    return Outcome.fail(ApiError.INVALID_CODE_TYPE, "digits only");
                }
            }
            if (code.length() < VoiceCodeRequest.MIN_CODE_LENGTH || code.length() > VoiceCodeRequest.MAX_CODE_LENGTH) {
                return Outcome.fail(ApiError.INVALID_VOICE_CODE_LENGTH, code.length() + " digits (expected: "
                    + VoiceCodeRequest.MIN_CODE_LENGTH + ".." + VoiceCodeRequest.MAX_CODE_LENGTH + ")");
            }
        }
        Integer lang = request.voiceLang();
        if (lang != null && (lang < 0 || lang > VoiceCodeRequest.MAX_VOICE_LANG)) {
            return Outcome.fail(ApiError.INVALID_VOICE_LANG, lang + " (expected: 0, 1 or 2)");
        }
        Integer ttl = request.ttl();
        if (ttl != null && (ttl < 1 || ttl > TemplateConfig.MAX_TTL)) {
            return Outcome.fail(ApiError.INVALID_TTL, ttl + " (expected: 1.." + TemplateConfig.MAX_TTL + ")");
        }
        return Outcome.fail(ApiError.SMS_NOT_ACTIVATED, "this gateway has no voice channel");
    }
}
