package org.cmppgw.gateway.model;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The balance types: JSMS's names, the store's numbers, and which template type pays from which. */
final class SmsTypeTest {
    @Test
    void codesAndNotificationsAreIndustryMarketingIsMarket() {
        assertThat(SmsType.of(TemplateType.CODE)).isEqualTo(SmsType.INDUSTRY);
        assertThat(SmsType.of(TemplateType.NOTIFICATION)).isEqualTo(SmsType.INDUSTRY);
        assertThat(SmsType.of(TemplateType.MARKETING)).isEqualTo(SmsType.MARKET);
    }

    @Test
    void everyTypeRoundTripsThroughItsCodeAndLabel() {
        for (SmsType type : SmsType.values()) {
            assertThat(SmsType.ofCode(type.code())).isEqualTo(type);
            assertThat(SmsType.ofLabel(type.label().toUpperCase(Locale.ROOT))).isEqualTo(type);
        }
    }

    @Test
    void unknownCodesAndLabelsThrowNamingTheValue() {
        assertThatThrownBy(() -> SmsType.ofCode(0)).hasMessage("sms_type: 0 (expected: 1..3)");
        assertThatThrownBy(() -> SmsType.ofCode(4)).hasMessage("sms_type: 4 (expected: 1..3)");
        assertThatThrownBy(() -> SmsType.ofLabel("marketing"))
            .hasMessage("type: marketing (expected: industry, market or voice)");
        assertThatThrownBy(() -> SmsType.ofLabel(null)).hasMessageStartingWith("type: null");
    }
}
