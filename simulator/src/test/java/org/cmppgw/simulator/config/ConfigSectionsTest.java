package org.cmppgw.simulator.config;

import org.cmppgw.simulator.load.LoadConfig;
import org.cmppgw.simulator.smtp.SmtpConfig;
import org.cmppgw.simulator.smtp.SmtpFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigSectionsTest {
    /** The shipped file, relative to the simulator module (the tests' working directory). */
    private static final Path SHIPPED = Path.of("..", "config", "simulator.yaml");

    @TempDir
    Path dir;

    @Test
    void shippedFileHoldsCompleteSectionsEqualToTheCodeDefaults() {
        assertThat(ConfigSections.read(SHIPPED, "smtp", SmtpConfig.class)).isEqualTo(SmtpConfig.defaults());
        assertThat(ConfigSections.read(SHIPPED, "load", LoadConfig.class)).isEqualTo(LoadConfig.defaults());
    }

    @Test
    void sectionKeysOverrideDefaultsOneByOne() throws IOException {
        Path file = write("""
            smtp:
              port: 0
              authRequired: true
              users: [{user: gw, password: pw}]
              failures:
                - {recipient: "*@blocked.example", code: 550, text: "5.1.1 no such user"}
            other: {ignored: true}
            """);

        SmtpConfig config = ConfigSections.read(file, "smtp", SmtpConfig.defaults());

        assertThat(config.port()).isZero();
        assertThat(config.tlsPort()).isEqualTo(2465);
        assertThat(config.authRequired()).isTrue();
        assertThat(config.users()).singleElement().satisfies(u -> assertThat(u.user()).isEqualTo("gw"));
        assertThat(config.failures()).containsExactly(new SmtpFailure("*@blocked.example", 550, "5.1.1 no such user"));
    }

    @Test
    void missingSectionYieldsTheDefaults() throws IOException {
        Path file = write("load: {rate: 5}\n");

        assertThat(ConfigSections.read(file, "smtp", SmtpConfig.defaults())).isEqualTo(SmtpConfig.defaults());
        assertThatThrownBy(() -> ConfigSections.read(file, "smtp", SmtpConfig.class))
            .isInstanceOf(ConfigException.class)
            .hasMessage(file + ": smtp - missing section");
    }

    @Test
    void unknownKeyIsAnErrorNamingFileAndPath() throws IOException {
        Path file = write("smtp:\n  prot: 25\n");

        assertThatThrownBy(() -> ConfigSections.read(file, "smtp", SmtpConfig.defaults()))
            .isInstanceOf(ConfigException.class)
            .hasMessageStartingWith(file + ": smtp.prot - unknown key (expected one of: ")
            .hasMessageContaining("port");
    }

    @Test
    void unknownNestedKeyNamesTheListIndex() throws IOException {
        Path file = write("smtp:\n  failures:\n    - {recipient: a@b, code: 550, txt: gone}\n");

        assertThatThrownBy(() -> ConfigSections.read(file, "smtp", SmtpConfig.defaults()))
            .hasMessageStartingWith(file + ": smtp.failures[0].txt - unknown key (expected one of: code, recipient, "
                + "text)");
    }

    @Test
    void missingNestedNumberIsNamed() throws IOException {
        Path file = write("smtp:\n  failures:\n    - {recipient: a@b}\n");

        assertThatThrownBy(() -> ConfigSections.read(file, "smtp", SmtpConfig.defaults()))
            .hasMessage(file + ": smtp.failures[0].code - missing or null (expected: int)");
    }

    @Test
    void completeReadRequiresEveryKey() throws IOException {
        Path file = write("smtp: {port: 2525}\n");

        assertThatThrownBy(() -> ConfigSections.read(file, "smtp", SmtpConfig.class))
            .isInstanceOf(ConfigException.class)
            .hasMessage(file + ": smtp.host - missing key");
    }

    @Test
    void wrongTypesAndInvalidValuesNameThePath() throws IOException {
        Path wrongType = write("load:\n  rate: fast\n");
        assertThatThrownBy(() -> ConfigSections.read(wrongType, "load", LoadConfig.defaults()))
            .hasMessage(wrongType + ": load.rate: fast (expected: int)");
        assertThatThrownBy(() -> ConfigSections.merge(LoadConfig.defaults(), Map.of("mode", "scatter")))
            .hasMessage("LoadConfig.mode: scatter (expected: single or batch or email or code)");

        Path invalid = write("smtp:\n  tlsPort: 70000\n");
        assertThatThrownBy(() -> ConfigSections.read(invalid, "smtp", SmtpConfig.defaults()))
            .hasMessageStartingWith(invalid + ": smtp")
            .hasMessageEndingWith("tlsPort: 70000 (expected: -1..65535)");
    }

    @Test
    void brokenYamlAndMissingFileAreReported() throws IOException {
        Path broken = write("smtp: [unclosed\n");
        assertThatThrownBy(() -> ConfigSections.read(broken, "smtp", SmtpConfig.defaults()))
            .hasMessageStartingWith(broken + " - unreadable YAML");
        Path missing = dir.resolve("absent.yaml");
        assertThatThrownBy(() -> ConfigSections.forCommand(Optional.of(missing.toString()), "smtp",
            SmtpConfig.defaults())).hasMessage(missing + ": smtp - no such file");
    }

    @Test
    void mergeCoercesCommandLineStrings() {
        LoadConfig merged = ConfigSections.merge(LoadConfig.defaults(),
            Map.of("rate", "0", "mode", "single", "progress", "false", "target", "http://10.0.0.1:9000"));

        assertThat(merged.rate()).isZero();
        assertThat(merged.mode()).isEqualTo(LoadConfig.Mode.SINGLE);
        assertThat(merged.progress()).isFalse();
        assertThat(merged.target()).isEqualTo("http://10.0.0.1:9000");
        assertThat(merged.batchSize()).isEqualTo(LoadConfig.defaults().batchSize());
        assertThatThrownBy(() -> ConfigSections.merge(LoadConfig.defaults(), Map.of("rat", "1")))
            .hasMessageStartingWith("LoadConfig.rat - unknown key");
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "simulator", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
