package org.cmppgw.cmpp.pdu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Msg_Id layout and print forms, docs/cmpp-protocol.md §8 (the golden values are those of vector submit_resp_v30_ok).
 */
class MsgIdTest {
    /** 11-21 22:50:31, gateway 079101, sequence 1. */
    private static final MsgId GOLDEN = new MsgId(0xBADB27C134FD0001L);

    @Test
    void ofPacksThePartsAtTheSpecShifts() {
        MsgId id = MsgId.of(11, 21, 22, 50, 31, 79101, 1);
        assertThat(id).isEqualTo(GOLDEN);
        assertThat(List.of(id.month(), id.day(), id.hour(), id.minute(), id.second(), id.gateway(), id.sequence()))
            .containsExactly(11, 21, 22, 50, 31, 79101, 1);
    }

    @Test
    void extremesOfEveryPartSurviveTheRoundTrip() {
        MsgId max = MsgId.of(12, 31, 23, 59, 59, MsgId.MAX_GATEWAY, 0xFFFF);
        assertThat(List.of(max.month(), max.day(), max.hour(), max.minute(), max.second(), max.gateway(),
            max.sequence())).containsExactly(12, 31, 23, 59, 59, 4_194_303, 65_535);
        MsgId min = MsgId.of(1, 1, 0, 0, 0, 0, 0);
        assertThat(min.value()).isEqualTo(0x1080000000000000L);
    }

    @Test
    void ofRejectsOutOfRangePartsNamingThem() {
        assertThatThrownBy(() -> MsgId.of(13, 1, 0, 0, 0, 0, 0)).hasMessage("month: 13 (expected: 1..12)");
        assertThatThrownBy(() -> MsgId.of(1, 0, 0, 0, 0, 0, 0)).hasMessage("day: 0 (expected: 1..31)");
        assertThatThrownBy(() -> MsgId.of(1, 1, 24, 0, 0, 0, 0)).hasMessage("hour: 24 (expected: 0..23)");
        assertThatThrownBy(() -> MsgId.of(1, 1, 0, 60, 0, 0, 0)).hasMessage("minute: 60 (expected: 0..59)");
        assertThatThrownBy(() -> MsgId.of(1, 1, 0, 0, 60, 0, 0)).hasMessage("second: 60 (expected: 0..59)");
        assertThatThrownBy(() -> MsgId.of(1, 1, 0, 0, 0, 4_194_304, 0))
            .hasMessage("gateway: 4194304 (expected: 0..4194303)");
        assertThatThrownBy(() -> MsgId.of(1, 1, 0, 0, 0, 0, 65_536))
            .hasMessage("sequence: 65536 (expected: 0..65535)");
    }

    @Test
    void plusAddsToTheSequenceForGroupSendDestinations() {
        assertThat(GOLDEN.plus(0)).isEqualTo(GOLDEN);
        assertThat(GOLDEN.plus(2)).isEqualTo(MsgId.of(11, 21, 22, 50, 31, 79101, 3));
    }

    @Test
    void plusWrapsTheSixteenBitSequenceWithoutTouchingTheOtherParts() {
        MsgId last = MsgId.of(11, 21, 22, 50, 31, 79101, 0xFFFF);
        assertThat(last.plus(1)).isEqualTo(MsgId.of(11, 21, 22, 50, 31, 79101, 0));
        assertThat(last.plus(3)).isEqualTo(MsgId.of(11, 21, 22, 50, 31, 79101, 2));
        assertThat(MsgId.of(12, 31, 23, 59, 59, MsgId.MAX_GATEWAY, 0xFFFE).plus(0x10001).sequence()).isEqualTo(0xFFFF);
        assertThatThrownBy(() -> GOLDEN.plus(-1)).hasMessage("k: -1 (expected: >= 0)");
    }

    @Test
    void printsEveryFormOfSection8Point2() {
        assertThat(GOLDEN.toUnsignedString()).isEqualTo("13464399221725396993");
        assertThat(GOLDEN.value()).isEqualTo(-4982344851984154623L);
        assertThat(GOLDEN.toHex()).isEqualTo("BADB27C134FD0001");
        assertThat(GOLDEN.toFormatted22()).isEqualTo("1121225031007910100001");
    }

    @Test
    void toStringIsTheUpperCaseHex16WithLeadingZeros() {
        assertThat(GOLDEN).hasToString("BADB27C134FD0001");
        assertThat(new MsgId(1)).hasToString("0000000000000001");
        assertThat(MsgId.ZERO).hasToString("0000000000000000");
        assertThat(new MsgId(-1)).hasToString("FFFFFFFFFFFFFFFF");
    }

    @ParameterizedTest
    @ValueSource(strings = {"13464399221725396993", "-4982344851984154623", "BADB27C134FD0001", "badb27c134fd0001",
        "1121225031007910100001", "  BADB27C134FD0001\n"})
    void parseReadsEveryPrintedForm(String text) {
        assertThat(MsgId.parse(text)).isEqualTo(GOLDEN);
    }

    @Test
    void parseReadsTheFormsOfAnUnsetId() {
        assertThat(MsgId.parse("0")).isEqualTo(MsgId.ZERO);
        assertThat(MsgId.parse("0000000000000000")).isEqualTo(MsgId.ZERO);
        assertThat(MsgId.parse("0000000000000000000000")).isEqualTo(MsgId.ZERO);
    }

    @Test
    void parseTreatsSixteenDigitsAsHexEvenWithoutLetters() {
        // 02-01 00:00:00, gateway 153, sequence 39321: its canonical hex has no letter
        MsgId digitsOnly = MsgId.of(2, 1, 0, 0, 0, 0x99, 0x9999);
        assertThat(digitsOnly.toHex()).isEqualTo("2080000000999999");
        assertThat(MsgId.parse(digitsOnly.toHex())).isEqualTo(digitsOnly);
        assertThat(MsgId.parse("1080000000000000")).isEqualTo(MsgId.of(1, 1, 0, 0, 0, 0, 0));
    }

    @Test
    void everyPrintedFormOfAnyIdParsesBack() {
        Random random = new Random(8_2);
        for (int i = 0; i < 10_000; i++) {
            MsgId id = new MsgId(random.nextLong());
            assertThat(MsgId.parse(id.toHex())).isEqualTo(id);
            assertThat(MsgId.parse(id.toFormatted22())).isEqualTo(id);
            if (id.month() != 0) {
                // an id with a month has 19 or 20 decimal digits (or a sign), never 16 or 22
                assertThat(MsgId.parse(id.toUnsignedString())).isEqualTo(id);
                assertThat(MsgId.parse(Long.toString(id.value()))).isEqualTo(id);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "BADB27C134FD00", "BADB27C134FD000G", "1.5", "99999999999999999999",
        "-", "0x10"})
    void parseRejectsTextThatIsNoForm(String text) {
        assertThatThrownBy(() -> MsgId.parse(text)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("msgId: " + text);
    }

    @Test
    void parseRejectsAFormatted22WhosePartsOverflowTheirBits() {
        assertThatThrownBy(() -> MsgId.parse("1621225031007910100001")).hasMessageStartingWith("month: 16");
        assertThatThrownBy(() -> MsgId.parse("1121225031999999900001")).hasMessageStartingWith("gateway: 9999999");
        assertThatThrownBy(() -> MsgId.parse("1121225031007910199999")).hasMessageStartingWith("sequence: 99999");
    }

    @Test
    void compareToOrdersAsUnsigned() {
        MsgId january = MsgId.of(1, 1, 0, 0, 0, 0, 0);
        MsgId december = MsgId.of(12, 1, 0, 0, 0, 0, 0);
        assertThat(december.value()).isNegative();
        assertThat(december).isGreaterThan(january);
        assertThat(GOLDEN.plus(1)).isGreaterThan(GOLDEN);
        List<MsgId> ids = new ArrayList<>(List.of(december, MsgId.ZERO, GOLDEN, january));
        Collections.sort(ids);
        assertThat(ids).containsExactly(MsgId.ZERO, january, GOLDEN, december);
    }
}
