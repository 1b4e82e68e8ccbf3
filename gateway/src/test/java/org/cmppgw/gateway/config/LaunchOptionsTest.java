package org.cmppgw.gateway.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchOptionsTest {

    @Test
    void readsConfigAndRepeatedSetsInOrder() {
        LaunchOptions options = LaunchOptions.parse("--config", "other.yaml", "--set", "a.b=1", "--set=c[0]=x=y");

        assertThat(options.config()).isEqualTo(Path.of("other.yaml"));
        assertThat(options.overrides()).containsExactly("a.b=1", "c[0]=x=y");
        assertThat(options.help()).isFalse();
    }

    @Test
    void defaultsToTheDemoFile() {
        assertThat(LaunchOptions.parse().config()).isEqualTo(Path.of("config/gateway.yaml"));
        assertThat(LaunchOptions.parse("--config=x.yaml", "--help").help()).isTrue();
    }

    @Test
    void unknownOptionsAndMissingValuesAreErrors() {
        assertThatThrownBy(() -> LaunchOptions.parse("--confg", "x"))
            .isInstanceOf(ConfigException.class)
            .hasMessage("args: \"--confg\" (expected: --config <file>, --set <path>=<value> or --help)");
        assertThatThrownBy(() -> LaunchOptions.parse("--set"))
            .hasMessage("args: --set without a value (expected: --set <path>=<value>)");
    }
}
