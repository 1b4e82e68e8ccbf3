package org.cmppgw.cmpp.session.client;

import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.auth.CmppTimestamp;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SP-side settings: defaults, copies and the masked secret. */
class CmppClientConfigTest {
    @Test
    void timestampsAreWrittenInBeijingTimeUnlessAnotherZoneIsGiven() {
        assertThat(CmppClientConfig.builder("127.0.0.1", 7890, "901234", "secret").build().zone())
            .isEqualTo(CmppTimestamp.BEIJING);
        CmppClientConfig utc = CmppClientConfig.builder("127.0.0.1", 7890, "901234", "secret").zone(ZoneOffset.UTC)
            .build();
        assertThat(utc.zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(utc.toString()).contains("zone=Z").contains("secret=****").doesNotContain("secret,");
        assertThatThrownBy(() -> CmppClientConfig.builder("127.0.0.1", 7890, "901234", "secret").zone(null).build())
            .isInstanceOf(NullPointerException.class).hasMessage("zone");
    }

    @Test
    void aCopyKeepsEverySettingTheDowngradeReconnectDoesNotChange() {
        CmppClientConfig config = CmppClientConfig.builder("127.0.0.1", 7890, "901234", "secret")
            .zone(ZoneOffset.UTC).randomSequenceStart(false).allowDowngrade(true).build();
        assertThat(config.toBuilder().build()).isEqualTo(config);
        CmppClientConfig downgraded = config.withVersion(CmppVersion.V20);
        assertThat(downgraded.version()).isEqualTo(CmppVersion.V20);
        assertThat(downgraded.randomSequenceStart()).isFalse();
        assertThat(downgraded.zone()).isEqualTo(ZoneOffset.UTC);
    }
}
