package org.cmppgw.simulator.smtp;

import org.cmppgw.simulator.config.CliOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmtpCommandTest {
    @Test
    void optionsOverrideTheDefaults() {
        SmtpConfig config = SmtpCommand.config(CliOptions.parse(new String[] {"--port", "0", "--tls-port", "-1",
            "--starttls=false", "--host-name", "sink.test", "--auth-required", "--user", "gw:pw", "--user", "b:c",
            "--fail", "*@x.example=550 5.1.1 gone", "--metrics-port", "9102"}, SmtpCommand.OPTIONS));

        assertThat(config.port()).isZero();
        assertThat(config.tlsPort()).isEqualTo(SmtpConfig.OFF);
        assertThat(config.starttls()).isFalse();
        assertThat(config.hostName()).isEqualTo("sink.test");
        assertThat(config.authRequired()).isTrue();
        assertThat(config.users()).containsExactly(new SmtpUser("gw", "pw"), new SmtpUser("b", "c"));
        assertThat(config.failures()).containsExactly(new SmtpFailure("*@x.example", 550, "5.1.1 gone"));
        assertThat(config.metricsPort()).isEqualTo(9102);
        assertThat(config.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void authRequiredWithoutUsersIsRefused() {
        assertThatThrownBy(() -> SmtpCommand.config(CliOptions.parse(new String[] {"--auth-required"},
            SmtpCommand.OPTIONS))).hasMessageEndingWith("authRequired: true (expected: at least one entry in users)");
    }

    @Test
    void helpListsTheOptions() {
        assertThat(CliOptions.help(SmtpCommand.USAGE, SmtpCommand.OPTIONS))
            .contains("--tls-port <port>", "--user <user:password>", "--fail <glob=code text>", "--auth-required");
    }
}
