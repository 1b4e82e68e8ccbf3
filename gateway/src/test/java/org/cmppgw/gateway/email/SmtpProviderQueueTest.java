package org.cmppgw.gateway.email;

import org.cmppgw.gateway.config.CircuitBreakerConfig;
import org.cmppgw.gateway.config.EmailProviderConfig;
import org.cmppgw.gateway.config.Secret;
import org.cmppgw.gateway.config.SmtpEncryption;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many claimed mails an SMTP provider holds and when the dispatcher refills it (docs/design.md §5 "Email"). The
 * providers are not started: nothing takes mail out of their queues, so what the queue holds is exact.
 */
final class SmtpProviderQueueTest {
    private static EmailProviderConfig config(int connections, int tps) {
        return new EmailProviderConfig("mail", "127.0.0.1", 2525, SmtpEncryption.NONE, "", new Secret(""),
            "noreply@example.com", connections, tps, false, "", Duration.ofSeconds(10), 5, Duration.ofMinutes(1),
            new CircuitBreakerConfig(50, 20, 5, Duration.ofSeconds(30), 2));
    }

    private static QueuedEmail mail(long id) {
        return new QueuedEmail(id, "app", "a@example.com", List.of(), List.of(), "", "subject", "text", null, "", 1);
    }

    private static SmtpProvider provider(int connections, int tps) {
        return new SmtpProvider(config(connections, tps), new GatewayMetrics() { }, Clock.systemUTC(), r -> { });
    }

    @Test
    void aQueueHoldsAtMostASecondOfMailAtTheProvidersTpsAndAtLeastOnePerConnection() {
        assertThat(SmtpProvider.queueCapacity(config(8, 100_000))).as("32 per connection at most").isEqualTo(256);
        assertThat(SmtpProvider.queueCapacity(config(2, 50))).as("the default provider: a second of mail")
            .isEqualTo(50);
        assertThat(SmtpProvider.queueCapacity(config(20, 1))).as("one per connection even at 1 tps")
            .isEqualTo(20);
    }

    @Test
    void itAsksForMailOnlyOnceHalfOfItsQueueIsFree() {
        SmtpProvider provider = provider(2, 10);
        assertThat(provider.roomToFill()).as("empty").isEqualTo(10);
        for (long id = 1; id <= 5; id++) {
            assertThat(provider.offer(mail(id))).isTrue();
        }
        assertThat(provider.roomToFill()).as("half free").isEqualTo(5);

        assertThat(provider.offer(mail(6))).isTrue();

        assertThat(provider.roomToFill()).as("less than half free: wait for more room").isZero();
        for (long id = 7; id <= 10; id++) {
            assertThat(provider.offer(mail(id))).isTrue();
        }
        assertThat(provider.offer(mail(11))).as("full").isFalse();
        assertThat(provider.stop()).as("what it held goes back at a stop").hasSize(10);
    }
}
