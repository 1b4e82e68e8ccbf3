package org.cmppgw.cmpp.auth;

import org.cmppgw.cmpp.CmppVersion;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * AuthenticatorSource and AuthenticatorISMG (docs/cmpp-protocol.md §5.3, §5.4) against the golden vectors' values and
 * against MD5 inputs assembled here by hand.
 */
class AuthenticatorTest {
    private static final String SOURCE_HEX = "ff90ac9be32cd5fe919779fcdc3b2c48";
    private static final Authenticator SOURCE = Authenticator.ofHex(SOURCE_HEX);

    @Test
    void sourceMatchesTheConnectVectors() {
        assertThat(Authenticator.source("901234", "secret", 1121225030L).toHex()).isEqualTo(SOURCE_HEX);
    }

    @Test
    void sourceHashesTheTimestampAsTenZeroPaddedDigits() throws Exception {
        // 5 Jan 09:30:00 is the 9-digit number 105093000
        byte[] input = concat("901234", new byte[9], "secret", "0105093000");
        assertThat(Authenticator.source("901234", "secret", 105093000L).toHex()).isEqualTo(md5(input))
            .isEqualTo("2b366f68f2891b30f96b844df970b8fb");
    }

    @Test
    void sourceHashesAShortSourceAddrRawNotPadded() throws Exception {
        // §16: the raw login string, as [Z] and [N] do
        assertThat(Authenticator.source("9012", "pw", 1121225030L).toHex())
            .isEqualTo(md5(concat("9012", new byte[9], "pw", "1121225030")));
    }

    @Test
    void ismgMatchesTheConnectRespVectorOn30() {
        assertThat(Authenticator.ismg(0, CmppVersion.V30, SOURCE, "secret").toHex())
            .isEqualTo("f424c28c8a84b37d50f53dee6b9aa1b1");
    }

    @Test
    void ismgHashesStatusAtItsWireWidth() throws Exception {
        // 1 byte on 2.0, 4 bytes big-endian on 3.0 (§5.4, §16)
        byte[] source = SOURCE.toByteArray();
        assertThat(Authenticator.ismg(0, CmppVersion.V20, SOURCE, "secret").toHex())
            .isEqualTo(md5(concat(new byte[] {0}, source, "secret"))).isEqualTo("693f3e96b18423deccebe5c418939958");
        assertThat(Authenticator.ismg(1, CmppVersion.V20, SOURCE, "secret").toHex())
            .isEqualTo(md5(concat(new byte[] {1}, source, "secret")));
        assertThat(Authenticator.ismg(1, CmppVersion.V30, SOURCE, "secret").toHex())
            .isEqualTo(md5(concat(new byte[] {0, 0, 0, 1}, source, "secret")));
        assertThat(Authenticator.ismg(0, CmppVersion.V20, SOURCE, "secret"))
            .isNotEqualTo(Authenticator.ismg(0, CmppVersion.V30, SOURCE, "secret"));
    }

    @Test
    void toStringNeverShowsTheBytes() {
        Authenticator auth = Authenticator.source("901234", "secret", 1121225030L);
        assertThat(auth.toString()).isEqualTo("Authenticator[****]").doesNotContain(SOURCE_HEX)
            .doesNotContain(SOURCE_HEX.substring(0, 6));
        assertThat(Authenticator.ZERO).hasToString("Authenticator[****]");
    }

    @Test
    void matchesComparesContent() {
        assertThat(SOURCE.matches(Authenticator.source("901234", "secret", 1121225030L))).isTrue();
        assertThat(SOURCE.matches(Authenticator.source("901234", "secreT", 1121225030L))).isFalse();
        assertThat(SOURCE.matches(Authenticator.ZERO)).isFalse();
        assertThat(Authenticator.ZERO.isZero()).isTrue();
        assertThat(Authenticator.of(new byte[16]).isZero()).isTrue();
        assertThat(SOURCE.isZero()).isFalse();
    }

    @Test
    void equalityIsByContent() {
        Authenticator copy = Authenticator.of(SOURCE.toByteArray());
        assertThat(copy).isEqualTo(SOURCE).hasSameHashCodeAs(SOURCE).isNotSameAs(SOURCE);
        assertThat(copy).isNotEqualTo(Authenticator.ZERO).isNotEqualTo(SOURCE_HEX);
    }

    @Test
    void bytesAreCopiedInAndOut() {
        byte[] bytes = SOURCE.toByteArray();
        Authenticator auth = Authenticator.of(bytes);
        bytes[0] = 0;
        assertThat(auth.toHex()).isEqualTo(SOURCE_HEX);
        auth.toByteArray()[1] = 0;
        assertThat(auth.toHex()).isEqualTo(SOURCE_HEX);
    }

    @Test
    void onlySixteenBytesMakeAnAuthenticator() {
        assertThatThrownBy(() -> Authenticator.of(new byte[15])).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("authenticator: 15 bytes (expected: 16)");
        assertThatThrownBy(() -> Authenticator.ofHex(SOURCE_HEX + "00"))
            .hasMessage("authenticator: 17 bytes (expected: 16)");
        assertThatThrownBy(() -> Authenticator.ofHex("zz" + SOURCE_HEX.substring(2)))
            .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] concat(Object... parts) {
        StringBuilder sb = new StringBuilder();
        for (Object part : parts) {
            byte[] bytes = part instanceof String s ? s.getBytes(StandardCharsets.US_ASCII) : (byte[]) part;
            sb.append(HexFormat.of().formatHex(bytes));
        }
        return HexFormat.of().parseHex(sb);
    }

    private static String md5(byte[] input) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(input));
    }
}
