package org.cmppgw.gateway.callback;

import org.cmppgw.gateway.metrics.CallbackOutcome;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The HTTP side of callbacks: one JDK {@link HttpClient} (HTTP/1.1, keep-alive connections pooled per endpoint by the
 * client, its own two-thread executor) that POSTs form bodies and reports how each POST ended as a
 * {@link CallbackOutcome}, never as an exception. The caller bounds concurrency per endpoint, which also bounds the
 * connections the client opens to it.
 */
final class CallbackHttp implements AutoCloseable {
    static final String FORM = "application/x-www-form-urlencoded";
    private static final String USER_AGENT = "cmppgw-callback/1";

    private final ExecutorService executor;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final LongSupplier nanoClock;

    /** How one POST ended. */
    record Result(CallbackOutcome outcome, int httpStatus, long nanos, Throwable error) {
        boolean delivered() {
            return outcome == CallbackOutcome.DELIVERED;
        }
    }

    CallbackHttp(Duration connectTimeout, Duration requestTimeout, LongSupplier nanoClock) {
        this.executor = Executors.newFixedThreadPool(2, daemonThreads("callback-http-"));
        this.client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor)
            .build();
        this.requestTimeout = requestTimeout;
        this.nanoClock = nanoClock;
    }

    /** POSTs {@code form} to {@code uri}; the future always completes normally. */
    CompletableFuture<Result> post(URI uri, String form) {
        HttpRequest request = HttpRequest.newBuilder(uri)
            .timeout(requestTimeout)
            .header("Content-Type", FORM)
            .header("User-Agent", USER_AGENT)
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
        long start = nanoClock.getAsLong();
        try {
            return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> result(response, error, nanoClock.getAsLong() - start));
        } catch (RuntimeException e) {
            // e.g. a URI the client refuses; report it like any other I/O failure
            return CompletableFuture.completedFuture(result(null, e, nanoClock.getAsLong() - start));
        }
    }

    private static Result result(HttpResponse<?> response, Throwable error, long nanos) {
        if (error == null) {
            int status = response.statusCode();
            return new Result(status == 200 ? CallbackOutcome.DELIVERED : CallbackOutcome.REJECTED, status, nanos,
                null);
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        boolean timeout = cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException);
        return new Result(timeout ? CallbackOutcome.TIMEOUT : CallbackOutcome.IO_ERROR, 0, nanos, cause);
    }

    /** The client, for the URL verifier to share its connections and executor. */
    HttpClient client() {
        return client;
    }

    /** Stops the client's executor; requests still running are dropped. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
