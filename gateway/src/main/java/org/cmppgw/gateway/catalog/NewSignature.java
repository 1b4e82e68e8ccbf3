package org.cmppgw.gateway.catalog;

import java.util.List;

/**
 * A signature that passed {@link SignatureRules}, ready to store.
 *
 * @param text   2–16 letters or digits
 * @param type   JSMS's signature type, 1–6
 * @param remark the note to the reviewer, possibly empty
 * @param images the supporting images, at most {@link SignatureRules#MAX_IMAGES}
 */
public record NewSignature(String text, int type, String remark, List<SignatureImage> images) {
    public NewSignature {
        images = List.copyOf(images);
    }
}
