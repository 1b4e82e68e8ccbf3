package org.cmppgw.simulator.load;

import org.cmppgw.simulator.config.CliOptions;
import org.cmppgw.simulator.fakejsms.FakeJsmsConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadCommandTest {
    @Test
    void optionsOverrideTheDefaults() {
        LoadConfig config = LoadCommand.config(CliOptions.parse(new String[] {"--target", "http://10.1.1.1:8080/",
            "--mode", "single", "--rate", "5000", "--connections", "8", "--messages", "300000",
            "--temp-para", "code=1", "--temp-para", "name=a=b", "--send-callback-url", "--progress=false",
            "--html-file", "plot.html"}, LoadCommand.OPTIONS));

        assertThat(config.target()).isEqualTo("http://10.1.1.1:8080");
        assertThat(config.mode()).isEqualTo(LoadConfig.Mode.SINGLE);
        assertThat(config.recipientsPerRequest()).isEqualTo(1);
        assertThat(config.rate()).isEqualTo(5000);
        assertThat(config.connections()).isEqualTo(8);
        assertThat(config.messages()).isEqualTo(300_000);
        assertThat(config.tempPara()).isEqualTo(Map.of("code", "1", "name", "a=b"));
        assertThat(config.sendCallbackUrl()).isTrue();
        assertThat(config.progress()).isFalse();
        assertThat(config.htmlFile()).isEqualTo("plot.html");
        assertThat(config.callbackPort()).isEqualTo(8090);
    }

    @Test
    void emailModeTakesItsBodySizeAndAtMostAHundredAddressesPerRequest() {
        LoadConfig config = LoadCommand.config(CliOptions.parse(new String[] {"--mode", "email", "--batch-size", "50",
            "--email-body-bytes", "2048"}, LoadCommand.OPTIONS));

        assertThat(config.mode()).isEqualTo(LoadConfig.Mode.EMAIL);
        assertThat(config.recipientsPerRequest()).isEqualTo(50);
        assertThat(config.emailBodyBytes()).isEqualTo(2048);
        assertThatThrownBy(() -> config.with(Map.of("batchSize", 101)))
            .hasMessageContaining("batchSize: 101 (expected: 1..100)");
        assertThatThrownBy(() -> config.with(Map.of("emailBodyBytes", 0)))
            .hasMessageContaining("emailBodyBytes: 0");
        assertThat(LoadConfig.defaults().with(Map.of("batchSize", 1000)).batchSize()).as("SMS batches unchanged")
            .isEqualTo(1000);
    }

    @Test
    void codeModeSendsOneCodePerRequestWithTheGivenTemplate() {
        LoadConfig config = LoadCommand.config(CliOptions.parse(new String[] {"--mode", "code", "--temp-id", "2",
            "--batch-size", "1000"}, LoadCommand.OPTIONS));

        assertThat(config.mode()).isEqualTo(LoadConfig.Mode.CODE);
        assertThat(config.tempId()).isEqualTo(2);
        assertThat(config.recipientsPerRequest()).isEqualTo(1);
        assertThat(config.messageLimit()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theFakeTargetRefusesEmailMode() {
        assertThat(LoadCommand.run(new String[] {"--fake-target", "--mode", "email", "--duration-seconds", "1"}))
            .isEqualTo(2);
    }

    @Test
    void secretIsNotPrinted() {
        assertThat(LoadConfig.defaults().toString()).doesNotContain("demo-master-secret");
        assertThat(FakeJsmsConfig.defaults().toString()).doesNotContain("demo-master-secret");
    }

    @Test
    void hardLimitCoversEveryPhase() {
        LoadConfig config = LoadConfig.defaults();

        assertThat(LoadRun.hardLimitSeconds(config)).isGreaterThan(config.durationSeconds()
            + config.requestTimeoutSeconds() + config.graceSeconds());
    }
}
