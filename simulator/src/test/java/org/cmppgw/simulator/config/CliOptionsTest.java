package org.cmppgw.simulator.config;

import org.cmppgw.simulator.config.CliOptions.Spec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CliOptionsTest {
    private static final List<Spec> SPECS = List.of(
        Spec.value("port", "<port>", "the port"),
        Spec.value("batch-size", "<n>", "recipients per request"),
        Spec.value("user", "<user:password>", "repeatable"),
        Spec.value("config", "<file>", "config file"),
        Spec.flag("starttls", "a flag"),
        Spec.flag("help", "help"));

    @Test
    void parsesSpaceAndEqualsFormsFlagsAndRepeats() {
        CliOptions options = CliOptions.parse(new String[] {"--port", "2525", "--batch-size=100", "--starttls",
            "--user", "a:1", "--user", "b:2", "--port", "2526"}, SPECS);

        assertThat(options.intValue("port", 0)).isEqualTo(2526);
        assertThat(options.value("batch-size")).contains("100");
        assertThat(options.flag("starttls")).isTrue();
        assertThat(options.flag("help")).isFalse();
        assertThat(options.values("user")).containsExactly("a:1", "b:2");
        assertThat(options.has("config")).isFalse();
        assertThat(options.path("config", Path.of("x.yaml"))).isEqualTo(Path.of("x.yaml"));
    }

    @Test
    void flagAcceptsAnExplicitFalse() {
        CliOptions options = CliOptions.parse(new String[] {"--starttls=false"}, SPECS);

        assertThat(options.flag("starttls")).isFalse();
        assertThat(options.has("starttls")).isTrue();
    }

    @Test
    void configValuesAreKeyedByCamelCase() {
        CliOptions options = CliOptions.parse(new String[] {"--batch-size", "10", "--starttls=false"}, SPECS);

        Map<String, Object> values = options.configValues(List.of("port", "batch-size", "starttls"));

        assertThat(values).containsExactly(Map.entry("batchSize", "10"), Map.entry("starttls", "false"));
        assertThat(CliOptions.camelCase("request-timeout-seconds")).isEqualTo("requestTimeoutSeconds");
    }

    @Test
    void unknownOptionIsAnErrorListingTheKnownOnes() {
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"--prot", "1"}, SPECS))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("--prot - unknown option")
            .hasMessageContaining("--port");
    }

    @Test
    void missingValueAndStrayArgumentsAreErrors() {
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"--port"}, SPECS))
            .hasMessage("--port: missing value (expected: <port>)");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"2525"}, SPECS))
            .hasMessage("args: 2525 (expected: --name value)");
    }

    @Test
    void badNumbersAndBooleansNameTheOption() {
        CliOptions options = CliOptions.parse(new String[] {"--port", "abc", "--starttls=maybe"}, SPECS);

        assertThatThrownBy(() -> options.intValue("port", 0)).hasMessage("--port: abc (expected: an integer)");
        assertThatThrownBy(() -> options.flag("starttls")).hasMessage("--starttls: maybe (expected: true or false)");
    }

    @Test
    void helpListsEveryOptionWithItsArgument() {
        String help = CliOptions.help("usage: x", SPECS);

        assertThat(help).startsWith("usage: x").contains("--port <port>", "--batch-size <n>", "--starttls ",
            "recipients per request");
    }
}
