package org.cmppgw.cmpp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fixed-width fields of docs/cmpp-protocol.md §2 and the padding deviations of §15 #7 and #11. */
class OctetsTest {
    private final List<ByteBuf> buffers = new ArrayList<>();

    @AfterEach
    void release() {
        buffers.forEach(ByteBuf::release);
    }

    @Test
    void writeStringLeftAlignsAndPadsWithNul() {
        ByteBuf out = buffer();
        Octets.writeString(out, "TEST", 10, "serviceId");
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo("54455354000000000000");
    }

    @Test
    void aValueAsWideAsItsFieldHasNoTerminator() {
        ByteBuf out = buffer();
        Octets.writeString(out, "901234", 6, "sourceAddr");
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo("393031323334");
        Octets.writeString(out, "", 2, "feeType");
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo("3930313233340000");
    }

    @Test
    void writeStringRefusesAValueWiderThanTheFieldWithoutWriting() {
        ByteBuf out = buffer();
        assertThatThrownBy(() -> Octets.writeString(out, "1234567", 6, "sourceAddr"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("sourceAddr: \"1234567\" (expected: at most 6 characters on this link)");
        assertThat(out.writerIndex()).isZero();
    }

    @Test
    void singleByteCharactersSurviveARoundTrip() {
        ByteBuf out = buffer();
        Octets.writeString(out, "\u00e9\u00ff~", 4, "x");
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo("e9ff7e00");
        assertThat(Octets.readString(out, 4)).isEqualTo("\u00e9\u00ff~");
    }

    @Test
    void readStringCutsAtTheFirstNulAndAlwaysConsumesTheWidth() {
        ByteBuf in = wrap("4146 3a34 0000 00 44454c49565244 ff");
        assertThat(Octets.readString(in, 7)).isEqualTo("AF:4");
        assertThat(in.readerIndex()).isEqualTo(7);
        assertThat(Octets.readString(in, 7)).isEqualTo("DELIVRD");
        assertThat(in.readerIndex()).isEqualTo(14);
        ByteBuf nulFirst = wrap("00414200");
        assertThat(Octets.readString(nulFirst, 4)).isEmpty();
        assertThat(nulFirst.readerIndex()).isEqualTo(4);
    }

    @Test
    void readStringStripsTrailingSpacesButKeepsLeadingOnesAndZeros() {
        assertThat(Octets.readString(wrap("3030305445535420 2020"), 10)).isEqualTo("000TEST");
        assertThat(Octets.readString(wrap("2020 4142 2000 4344"), 8)).isEqualTo("  AB");
        assertThat(Octets.readString(wrap("20202020"), 4)).isEmpty();
        assertThat(Octets.readString(wrap("41 20 42"), 3)).isEqualTo("A B");
    }

    @Test
    void unsignedFieldsOfOneAndFourBytes() {
        ByteBuf out = buffer();
        Octets.writeUnsigned(out, 255, 1);
        Octets.writeUnsigned(out, 0xFFFFFFFFL, 4);
        Octets.writeUnsigned(out, 8, 4);
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo("ff" + "ffffffff" + "00000008");
        assertThat(Octets.readUnsigned(out, 1)).isEqualTo(255);
        assertThat(Octets.readUnsigned(out, 4)).isEqualTo(4294967295L);
        assertThat(Octets.readUnsigned(out, 4)).isEqualTo(8);
    }

    @Test
    void aOneByteFieldRefusesValuesAbove255() {
        ByteBuf out = buffer();
        assertThatThrownBy(() -> Octets.writeUnsigned(out, 256, 1))
            .hasMessage("value: 256 (expected: 0..255 in a 1-byte field)");
        assertThat(out.writerIndex()).isZero();
    }

    private ByteBuf buffer() {
        ByteBuf buf = Unpooled.buffer(32);
        buffers.add(buf);
        return buf;
    }

    private ByteBuf wrap(String hex) {
        ByteBuf buf = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex.replace(" ", "")));
        buffers.add(buf);
        return buf;
    }
}
