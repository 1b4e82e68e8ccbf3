package org.cmppgw.gateway.catalog;

import java.util.List;

/**
 * The parts of {@code POST /v1/sign} and {@code POST /v1/sign/{sign_id}} as sent (multipart): every field may be
 * absent, {@link SignatureRules} decides.
 *
 * @param sign   the signature text
 * @param type   the {@code type} part as sent
 * @param remark the {@code remark} part
 * @param images the file parts named {@code images} or {@code image0}..{@code image3}, in order, as sent
 */
public record SignatureRequest(String sign, String type, String remark, List<byte[]> images) {
    public SignatureRequest {
        images = images == null ? List.of() : List.copyOf(images);
    }
}
