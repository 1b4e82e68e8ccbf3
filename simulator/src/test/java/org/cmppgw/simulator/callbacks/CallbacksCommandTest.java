package org.cmppgw.simulator.callbacks;

import org.cmppgw.simulator.config.CliOptions;
import org.cmppgw.simulator.config.ConfigException;
import org.cmppgw.simulator.jsms.JsmsCallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallbacksCommandTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreTheLoadSectionsReceiverAndOptionsOverrideThem() throws IOException {
        Path file = dir.resolve("sim.yaml");
        Files.writeString(file, "load:\n  appKey: file-app\n  masterSecret: file-secret\n  callbackPort: 9999\n"
            + "  callbackPath: /hooks\n");

        CallbacksConfig fromFile = config("--config", file.toString());
        CallbacksConfig overridden = config("--config", file.toString(), "--host", "0.0.0.0", "--port", "0",
            "--path", "/cb", "--app-key", "cli-app", "--master-secret", "cli-secret");

        assertThat(fromFile).isEqualTo(new CallbacksConfig("127.0.0.1", 9999, "/hooks", "file-app", "file-secret"));
        assertThat(overridden).isEqualTo(new CallbacksConfig("0.0.0.0", 0, "/cb", "cli-app", "cli-secret"));
    }

    @Test
    void withoutALoadSectionTheDefaultsAreTheDemoAppsCallbackUrl() throws IOException {
        Path file = dir.resolve("ismg-only.yaml");
        Files.writeString(file, "ismg:\n  port: 7891\n");

        assertThat(config("--config", file.toString())).isEqualTo(
            new CallbacksConfig("127.0.0.1", 8090, "/callback", "demo-app-key", "demo-master-secret"));
    }

    @Test
    void badValuesNameTheOption() {
        assertThatThrownBy(() -> config("--port", "70000")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("port: 70000 (expected: 0..65535)");
        assertThatThrownBy(() -> config("--path", "callback")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("path: callback (expected: a path starting with /)");
        assertThatThrownBy(() -> config("--port", "eighty")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("port");
    }

    @Test
    void usageErrorsExitWith2AndHelpWith0() {
        assertThat(CallbacksCommand.run(new String[] {"--help"})).isZero();
        assertThat(CallbacksCommand.run(new String[] {"--bogus"})).isEqualTo(2);
        assertThat(CallbacksCommand.run(new String[] {"--port"})).isEqualTo(2);
        assertThat(CallbacksCommand.run(new String[] {"--port", "-1"})).isEqualTo(2);
        assertThat(CallbacksCommand.run(new String[] {"--config", dir.resolve("absent.yaml").toString()}))
            .isEqualTo(2);
        assertThat(CliOptions.help(CallbacksCommand.USAGE, CallbacksCommand.OPTIONS))
            .contains("--host", "--port", "--path", "--app-key", "--master-secret", "--config");
    }

    @Test
    void secretIsNotPrinted() {
        assertThat(config().toString()).contains("demo-app-key").doesNotContain("demo-master-secret");
    }

    @Test
    void linesKeepTheDataFieldOrderAndUnparsableDataAsText() {
        JsmsCallback reply = new JsmsCallback("SMS_REPLY", "1", "2", "s",
            "{\"phone\":\"13800138000\", \"replyTime\":1700000000, \"content\":\"好的\"}");
        JsmsCallback broken = new JsmsCallback("SMS_REPORT", "1", "2", "s", "{\"msgId\":");

        assertThat(CallbackPrinter.line(reply, "ok")).isEqualTo("{\"type\":\"SMS_REPLY\",\"signature\":\"ok\","
            + "\"data\":{\"phone\":\"13800138000\",\"replyTime\":1700000000,\"content\":\"好的\"}}");
        assertThat(CallbackPrinter.line(broken, "bad"))
            .isEqualTo("{\"type\":\"SMS_REPORT\",\"signature\":\"bad\",\"data\":\"{\\\"msgId\\\":\"}");
    }

    private static CallbacksConfig config(String... args) {
        return CallbacksCommand.config(CliOptions.parse(args, CallbacksCommand.OPTIONS));
    }
}
