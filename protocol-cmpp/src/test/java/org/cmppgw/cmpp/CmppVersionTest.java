package org.cmppgw.cmpp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every wire difference of docs/cmpp-protocol.md §14 that the codecs read from {@link CmppVersion}. */
class CmppVersionTest {

    @Test
    void fieldWidthsFollowTheDifferenceTable() {
        assertThat(CmppVersion.V20.terminalIdLength()).isEqualTo(21);
        assertThat(CmppVersion.V30.terminalIdLength()).isEqualTo(32);
        assertThat(CmppVersion.V20.resultLength()).isEqualTo(1);
        assertThat(CmppVersion.V30.resultLength()).isEqualTo(4);
        assertThat(CmppVersion.V20.trailerLength()).isEqualTo(8);
        assertThat(CmppVersion.V30.trailerLength()).isEqualTo(20);
        assertThat(CmppVersion.V20.reportLength()).isEqualTo(60);
        assertThat(CmppVersion.V30.reportLength()).isEqualTo(71);
        assertThat(CmppVersion.V20.hasTerminalType()).isFalse();
        assertThat(CmppVersion.V30.hasTerminalType()).isTrue();
        assertThat(CmppVersion.V20.wireValue()).isEqualTo(0x20);
        assertThat(CmppVersion.V30.wireValue()).isEqualTo(0x30);
    }

    @Test
    void versionBytesMapToLayouts() {
        assertThat(CmppVersion.fromWire(0x20)).isEqualTo(CmppVersion.V20);
        assertThat(CmppVersion.fromWire(0x21)).isEqualTo(CmppVersion.V20);
        assertThat(CmppVersion.fromWire(0x30)).isEqualTo(CmppVersion.V30);
        assertThat(CmppVersion.isSupported(0x21)).isTrue();
        assertThat(CmppVersion.isSupported(0x31)).isFalse();
        assertThatThrownBy(() -> CmppVersion.fromWire(0x31))
            .hasMessage("versionByte: 0x31 (expected: 0x20, 0x21 or 0x30)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.0", "2", "20", "V20", " 2.0 "})
    void parsesTwoPointZero(String text) {
        assertThat(CmppVersion.parse(text)).isEqualTo(CmppVersion.V20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.0", "3", "30", "V30"})
    void parsesThreePointZero(String text) {
        assertThat(CmppVersion.parse(text)).isEqualTo(CmppVersion.V30);
        assertThat(CmppVersion.V30.label()).isEqualTo("3.0");
    }

    @Test
    void refusesOtherVersions() {
        assertThatThrownBy(() -> CmppVersion.parse("2.1")).hasMessage("version: 2.1 (expected: 2.0 or 3.0)");
    }
}
