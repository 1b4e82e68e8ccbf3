package org.cmppgw.gateway.provider.cmpp;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.netty.channel.EventLoopGroup;
import org.cmppgw.cmpp.session.client.CmppClientConfig;
import org.cmppgw.gateway.config.ReconnectConfig;
import org.cmppgw.gateway.metrics.ProviderMetrics;
import org.cmppgw.gateway.provider.PartQueues;

import java.util.function.LongSupplier;

/**
 * What the connections of one {@link CmppProviderPool} work with, built once by the pool: each
 * {@link ConnectionSlot} and each {@link SessionPump} gets this and nothing else of the pool. The parts it names take
 * only their own narrow inputs ({@link OutcomeRecorder}, {@link RetryPolicy}, {@link DeliverHandler}, ...).
 *
 * @param provider       the provider's name (logs, metric labels, the store's provider column)
 * @param windowSize     SUBMITs in flight per session: one breaker success per window of responses
 * @param clientConfig   login and session settings of every connection
 * @param reconnect      back-off between connection attempts
 * @param group          event loops of the connections
 * @param nanoClock      monotonic clock of pauses
 * @param metrics        the provider's meters
 * @param sessions       the logged-in sessions: wake-ups, availability, closing
 * @param queues         the runs of parts waiting for a session
 * @param lost           parts whose session ended, waiting for a session alive since then
 * @param mapper         part to SUBMIT
 * @param tps            the provider's TPS limit on this node, shared by its sessions, asked without waiting
 * @param breaker        the provider's circuit breaker: connection attempts, timeouts, healthy windows
 * @param outcomes       where accepted parts go
 * @param latency        samples the time from SUBMIT_RESP to report
 * @param retries        what happens to parts the carrier did not take
 * @param delivers       DELIVERs of every session (reports and MO)
 */
record PoolServices(String provider, int windowSize, CmppClientConfig clientConfig, ReconnectConfig reconnect,
                    EventLoopGroup group, LongSupplier nanoClock, ProviderMetrics metrics, Sessions sessions,
                    PartQueues<PartRun> queues, LostParts lost, SubmitMapper mapper, TpsShare tps,
                    CircuitBreaker breaker, PartOutcomes outcomes, ReportLatency latency,
                    RetryPolicy retries, DeliverHandler delivers) {
    long nanoTime() {
        return nanoClock.getAsLong();
    }
}
