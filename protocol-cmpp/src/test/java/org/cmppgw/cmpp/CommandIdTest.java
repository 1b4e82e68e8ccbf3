package org.cmppgw.cmpp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Command_Id table of docs/cmpp-protocol.md §4, as far as an SP and an ISMG exchange it. */
class CommandIdTest {

    @ParameterizedTest
    @EnumSource(CommandId.class)
    void everyCodeLooksUpItsCommand(CommandId id) {
        assertThat(CommandId.isKnown(id.code())).isTrue();
        assertThat(CommandId.of(id.code())).isSameAs(id);
    }

    @Test
    void codesAreTheSpecValues() {
        assertThat(CommandId.CMPP_CONNECT.code()).isEqualTo(0x00000001);
        assertThat(CommandId.CMPP_TERMINATE.code()).isEqualTo(0x00000002);
        assertThat(CommandId.CMPP_SUBMIT.code()).isEqualTo(0x00000004);
        assertThat(CommandId.CMPP_DELIVER.code()).isEqualTo(0x00000005);
        assertThat(CommandId.CMPP_QUERY.code()).isEqualTo(0x00000006);
        assertThat(CommandId.CMPP_CANCEL.code()).isEqualTo(0x00000007);
        assertThat(CommandId.CMPP_ACTIVE_TEST.code()).isEqualTo(0x00000008);
        assertThat(CommandId.CMPP_ACTIVE_TEST_RESP.code()).isEqualTo(0x80000008);
    }

    @ParameterizedTest
    @EnumSource(CommandId.class)
    void aResponseIsItsRequestWithBit31Set(CommandId id) {
        if (id.isResponse()) {
            assertThat(id.request().code()).isEqualTo(id.code() & 0x7FFFFFFF);
            assertThat(id.request().response()).isSameAs(id);
            assertThatThrownBy(id::response).isInstanceOf(IllegalStateException.class)
                .hasMessage(id.name() + " - is a response and has no response");
            assertThat(id.name()).endsWith("_RESP");
        } else {
            assertThat(id.response().code()).isEqualTo(id.code() | 0x80000000);
            assertThat(id.response().name()).isEqualTo(id.name() + "_RESP");
            assertThat(id.request()).isSameAs(id);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00000000, 0x00000003, 0x00000009, 0x00000017, 0x12345678, 0x80000000, 0x80000003,
        0x80000009, 0xFFFFFFFF, 0x7FFFFFFF, 0x40000001, 0x00010001})
    void codesThisLibraryDoesNotSpeakAreUnknown(int code) {
        assertThat(CommandId.isKnown(code)).isFalse();
        assertThatThrownBy(() -> CommandId.of(code)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("commandId: " + CommandId.hex(code) + " (expected: an SP<->ISMG command)");
    }

    @Test
    void hexIsZeroPaddedLowercase() {
        assertThat(CommandId.hex(0x00000001)).isEqualTo("0x00000001");
        assertThat(CommandId.hex(0x80000004)).isEqualTo("0x80000004");
        assertThat(CommandId.hex(0x12ABCDEF)).isEqualTo("0x12abcdef");
        assertThat(CommandId.hex(0)).isEqualTo("0x00000000");
    }
}
