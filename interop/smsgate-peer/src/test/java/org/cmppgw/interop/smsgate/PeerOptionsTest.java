package org.cmppgw.interop.smsgate;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class PeerOptionsTest {
    @Test
    void readsModeAndOptionsWithTheirDefaults() {
        PeerOptions options = PeerOptions.parse("server", "--port", "0", "--version", "2.0", "--multi-link", "true");

        assertThat(options.mode()).isEqualTo("server");
        assertThat(options.number("port", 7890, 0, 65535)).isZero();
        assertThat(options.version()).isEqualTo((short) 0x20);
        assertThat(options.flag("multi-link")).isTrue();
        assertThat(options.text("account", "901234")).isEqualTo("901234");
        assertThat(PeerOptions.parse("client").version()).as("default version").isEqualTo((short) 0x30);
    }

    @Test
    void everyBadInputNamesWhatIsWrong() {
        assertThatThrownBy(() -> PeerOptions.parse()).hasMessageContaining("usage: server|client");
        assertThatThrownBy(() -> PeerOptions.parse("proxy")).hasMessage("mode: proxy (expected: server or client)");
        assertThatThrownBy(() -> PeerOptions.parse("server", "--colour", "red"))
            .hasMessageStartingWith("--colour: unknown option");
        assertThatThrownBy(() -> PeerOptions.parse("server", "--port")).hasMessage("argument 1: --port"
            + " (expected: --name value)");
        assertThatThrownBy(() -> PeerOptions.parse("server", "--port", "x").number("port", 0, 0, 65535))
            .hasMessage("--port: x (expected: a number)");
        assertThatThrownBy(() -> PeerOptions.parse("server", "--port", "70000").number("port", 0, 0, 65535))
            .hasMessage("--port: 70000 (expected: 0..65535)");
        assertThatThrownBy(() -> PeerOptions.parse("server", "--version", "2.1").version())
            .hasMessage("--version: 2.1 (expected: 2.0 or 3.0)");
        assertThatThrownBy(() -> PeerOptions.parse("server", "--multi-link", "yes").flag("multi-link"))
            .hasMessage("--multi-link: yes (expected: true or false)");
        assertThatThrownBy(() -> MessageTexts.of("binary", 0)).hasMessage("--send kind: binary"
            + " (expected: ascii, ucs2, long)");
    }

    @Test
    void eventsAreOneJsonObjectPerLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Events events = new Events(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        events.emit("message", "parts", 3, "ok", true, "text", "短信 \"quoted\"\n\\\u0001");

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
            "{\"event\":\"message\",\"parts\":3,\"ok\":true,\"text\":\"短信 \\\"quoted\\\"\\n\\\\\\u0001\"}"
                + System.lineSeparator());
        Map<String, Object> none = new LinkedHashMap<>();
        none.put("v", null);
        assertThat(Events.json(none)).isEqualTo("{\"v\":null}");
        assertThatThrownBy(() -> events.emit("x", "odd")).hasMessage("fields: 1 (expected: name/value pairs)");
    }

    @Test
    void longTextsTakeThreeUcs2Parts() {
        String text = MessageTexts.of("long", 7);

        assertThat(text.length()).as("more than 2 x 67, at most 3 x 67 UCS2 units").isBetween(135, 201);
        assertThat(MessageTexts.of("ascii", 1)).isEqualTo("interop ascii message 1");
    }
}
