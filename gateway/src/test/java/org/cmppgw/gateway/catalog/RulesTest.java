package org.cmppgw.gateway.catalog;

import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.model.TemplateType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link TemplateRules} and {@link SignatureRules} without a server: what passes, as stored. */
final class RulesTest {
    @Test
    void aVerificationTemplateMayRepeatItsCode() {
        Outcome<NewTemplate> ok = TemplateRules.check(new TemplateRequest("{{code}} is {{code}}", 1, 300, null));
        assertThat(ok.value()).isEqualTo(new NewTemplate("{{code}} is {{code}}", TemplateType.CODE, 300, ""));
    }

    @Test
    void typesMapToJsmsNumbers() {
        for (TemplateType type : TemplateType.values()) {
            Outcome<NewTemplate> checked = TemplateRules.check(new TemplateRequest("{{code}}",
                TemplateRules.code(type), 60, null));
            assertThat(checked.value().type()).isEqualTo(type);
        }
    }

    @Test
    void imagesAreRecognisedByTheirFirstBytes() {
        byte[] gif = "GIF89a..".getBytes();
        byte[] bmp = "BM\0\0\0\0\0\0\0\0\0\0\0\0".getBytes();
        byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0};
        Outcome<NewSignature> ok = SignatureRules.check(new SignatureRequest("商标名", "5", "", List.of(gif, bmp,
            jpeg)));
        assertThat(ok.value().images()).extracting(SignatureImage::mediaType)
            .containsExactly("image/gif", "image/bmp", "image/jpeg");
        assertThat(ok.value().type()).isEqualTo(5);
        assertThat(SignatureRules.check(new SignatureRequest("ok", "1", "",
            List.of(new byte[SignatureRules.MAX_IMAGE_BYTES + 1]))).error()).isEqualTo(ApiError.INVALID_IMAGE);
    }

    @Test
    void signatureImagesAreEqualByContent() {
        assertThat(new SignatureImage("image/png", new byte[] {1, 2})).isEqualTo(new SignatureImage("image/png",
            new byte[] {1, 2})).hasToString("SignatureImage[image/png, 2 bytes]");
    }
}
