package org.cmppgw.gateway.email;

import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateFillingTest {
    @Test
    void variablesAreFilledAndEscapedInHtmlOnly() {
        Map<String, String> params = Map.of("name", "Tom & <Jerry>", "order", "42");

        assertThat(TemplateFilling.fill("Order {{order}} for {{name}}", params, false).value())
            .isEqualTo("Order 42 for Tom & <Jerry>");
        assertThat(TemplateFilling.fill("<p>{{name}}</p>{{order}}", params, true).value())
            .isEqualTo("<p>Tom &amp; &lt;Jerry&gt;</p>42");
        assertThat(TemplateFilling.fill(null, params, true).value()).isNull();
    }

    @Test
    void aVariableWithoutAValueRefusesTheSendWith50022() {
        Outcome<String> filled = TemplateFilling.fill("Hi {{name}}, order {{order}}", Map.of("name", "a"), false);

        assertThat(filled.isOk()).isFalse();
        assertThat(filled.error()).isEqualTo(ApiError.PARAMETERS_NOT_REPLACED);
        assertThat(filled.message()).contains("{{order}}");
    }

    @Test
    void aTemplateIsCheckedWhenStored() {
        assertThat(TemplateFilling.check(new EmailTemplateRequest("Hi {{name}}", "t", null)).isOk()).isTrue();
        assertThat(TemplateFilling.check(new EmailTemplateRequest("Hi {{name", "t", null)).error())
            .isEqualTo(ApiError.TEMPLATE_PARAMETER_INVALID);
        assertThat(TemplateFilling.check(new EmailTemplateRequest("s", "{{bad-name}}", null)).error())
            .isEqualTo(ApiError.TEMPLATE_PARAMETER_INVALID);
        assertThat(TemplateFilling.check(new EmailTemplateRequest(null, "t", null)).error())
            .isEqualTo(ApiError.INVALID_BODY);
        assertThat(TemplateFilling.check(new EmailTemplateRequest("s", "", "")).error())
            .isEqualTo(ApiError.INVALID_BODY);
        assertThat(TemplateFilling.check(new EmailTemplateRequest("two\nlines", "t", null)).error())
            .isEqualTo(ApiError.INVALID_BODY);
    }
}
