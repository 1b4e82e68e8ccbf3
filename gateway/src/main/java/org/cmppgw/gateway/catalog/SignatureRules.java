package org.cmppgw.gateway.catalog;

import org.cmppgw.gateway.config.SignatureConfig;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;

import java.util.ArrayList;
import java.util.List;

/**
 * What a signature an app creates or modifies must be (docs/api.md "Signatures", after JSMS's console rules):
 * <ul>
 *   <li>50104: text missing, not 2–16 characters, or with anything but letters and digits (no spaces, no
 *       symbols);</li>
 *   <li>50007: a {@code type} that is not 1–6 (company, website, app, public account, trademark, shop); absent means 1;
 *   </li>
 *   <li>50045: a remark over 500 characters;</li>
 *   <li>50101: more than {@link #MAX_IMAGES} images, an empty one, one over {@link #MAX_IMAGE_BYTES}, or one that is
 *       not JPEG, PNG, GIF or BMP by its first bytes.</li>
 * </ul>
 */
public final class SignatureRules {
    /** JSMS's form has image0..image3. */
    public static final int MAX_IMAGES = 4;
    public static final int MAX_IMAGE_BYTES = 2 * 1024 * 1024;
    public static final int MIN_TYPE = 1;
    public static final int MAX_TYPE = 6;

    private SignatureRules() {
    }

    public static Outcome<NewSignature> check(SignatureRequest request) {
        String text = request.sign();
        if (text == null || text.isEmpty()) {
            return Outcome.fail(ApiError.INVALID_SIGNATURE, "sign is missing");
        }
        int length = TemplateRules.length(text);
        if (length < SignatureConfig.MIN_LENGTH || length > SignatureConfig.MAX_LENGTH
            || !text.codePoints().allMatch(Character::isLetterOrDigit)) {
            return Outcome.fail(ApiError.INVALID_SIGNATURE, "\"" + text + "\" (expected: "
                + SignatureConfig.MIN_LENGTH + "–" + SignatureConfig.MAX_LENGTH + " letters or digits)");
        }
        int type = MIN_TYPE;
        if (request.type() != null && !request.type().isEmpty()) {
            type = parseType(request.type());
            if (type < 0) {
                return Outcome.fail(ApiError.INVALID_BODY, "type \"" + request.type() + "\" (expected: " + MIN_TYPE
                    + ".." + MAX_TYPE + ")");
            }
        }
        String remark = request.remark() == null ? "" : request.remark();
        if (TemplateRules.length(remark) > TemplateRules.MAX_REMARK_LENGTH) {
            return Outcome.fail(ApiError.REMARK_TOO_LONG, TemplateRules.length(remark)
                + " characters (expected: at most " + TemplateRules.MAX_REMARK_LENGTH + ")");
        }
        if (request.images().size() > MAX_IMAGES) {
            return Outcome.fail(ApiError.INVALID_IMAGE, request.images().size() + " images (expected: at most "
                + MAX_IMAGES + ")");
        }
        List<SignatureImage> images = new ArrayList<>();
        for (int i = 0; i < request.images().size(); i++) {
            byte[] bytes = request.images().get(i);
            String media = SignatureImage.sniff(bytes);
            if (bytes.length == 0 || bytes.length > MAX_IMAGE_BYTES || media == null) {
                return Outcome.fail(ApiError.INVALID_IMAGE, "image " + i + ": " + bytes.length
                    + " bytes (expected: a JPEG, PNG, GIF or BMP image of at most " + MAX_IMAGE_BYTES + " bytes)");
            }
            images.add(new SignatureImage(media, bytes));
        }
        return Outcome.ok(new NewSignature(text, type, remark, images));
    }

    private static int parseType(String value) {
        if (value.length() != 1 || value.charAt(0) < '0' + MIN_TYPE || value.charAt(0) > '0' + MAX_TYPE) {
            return -1;
        }
        return value.charAt(0) - '0';
    }
}
