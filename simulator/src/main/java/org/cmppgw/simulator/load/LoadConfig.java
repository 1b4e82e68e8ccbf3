package org.cmppgw.simulator.load;

import org.cmppgw.simulator.config.ConfigSections;
import org.cmppgw.simulator.jsms.Mobiles;

import java.net.URI;
import java.util.Map;

import static org.cmppgw.cmpp.ArgumentChecks.nonEmpty;
import static org.cmppgw.cmpp.ArgumentChecks.range;

/**
 * The {@code load:} section of {@code config/simulator.yaml} (documented there, defaults in {@link #defaults()}).
 *
 * @param target                the gateway's base URL ({@code http://host:port}); requests go to
 *                              {@code /v1/messages}, {@code /v1/messages/batch}, {@code /v1/emails} or
 *                              {@code /v1/codes} under it, nowhere else
 * @param appKey                the app's key (Basic auth user, and part of the callback signature)
 * @param masterSecret          the app's master secret (Basic auth password, callback signature key)
 * @param tempId                template id sent as {@code temp_id}; in code mode a template of type {@code code}
 * @param signId                signature id sent as {@code sign_id}; 0 = not sent
 * @param tempPara              template parameters sent with every recipient (not in code mode: the gateway draws
 *                              the code)
 * @param mode                  {@code single} (one recipient per request), {@code batch}, {@code email} or
 *                              {@code code} (one verification code per request)
 * @param batchSize             recipients per batch request, 1..1000; {@code to} addresses per email request,
 *                              1..100
 * @param connections           keep-alive HTTP connections to the target
 * @param pipeline              requests in flight per connection (1 = no HTTP pipelining)
 * @param rate                  target messages per second, paced on a schedule; 0 = as fast as the
 *                              connections allow
 * @param messages              stop sending after this many messages; 0 = send until {@code durationSeconds}
 * @param durationSeconds       longest send phase
 * @param requestTimeoutSeconds a request without a response after this long counts as an error and its
 *                              connection is closed
 * @param graceSeconds          how long to wait after the last response for outstanding delivery reports
 * @param mobileStart           the first mobile number; message i goes to {@code mobileStart + i} (in email mode
 *                              to {@code u<mobileStart + i>@example.com}, so every address has the same length)
 * @param callbackHost          the callback receiver's bind address
 * @param callbackPort          the callback receiver's port; 0 = any free port
 * @param callbackPath          the callback receiver's path
 * @param sendCallbackUrl       put {@code callback_url} in every request (it must be one of the app's URLs)
 * @param callbackUrl           the URL to send when {@code sendCallbackUrl}; empty = the receiver's own URL
 * @param resultFile            JSON result written at the end
 * @param htmlFile              HTML latency plot written at the end; empty = none
 * @param progress              print a progress line on stderr every second
 * @param emailBodyBytes        email mode: characters of the {@code text} body of every mail (ASCII, so also its
 *                              bytes)
 */
public record LoadConfig(String target, String appKey, String masterSecret, long tempId, long signId,
                         Map<String, String> tempPara, Mode mode, int batchSize, int connections, int pipeline,
                         int rate, long messages, int durationSeconds, int requestTimeoutSeconds, int graceSeconds,
                         long mobileStart, String callbackHost, int callbackPort, String callbackPath,
                         boolean sendCallbackUrl, String callbackUrl, String resultFile, String htmlFile,
                         boolean progress, int emailBodyBytes) {
    /** The most recipients one batch request may carry (JSMS error 50031 above it). */
    public static final int MAX_BATCH = 1000;
    /** The most {@code to} addresses one email request may carry (JSMS error 50031 above it, docs/api.md). */
    public static final int MAX_EMAIL_TO = 100;
    private static final int MAX_EMAIL_BODY = 1 << 20;
    private static final int MAX_RATE = 1_000_000;
    private static final int MAX_SECONDS = 24 * 3600;
    private static final long LAST_MOBILE = 19_999_999_999L;

    /** How many recipients a request carries. */
    public enum Mode {
        /** {@code POST /v1/messages}, one recipient. */
        SINGLE,
        /** {@code POST /v1/messages/batch}, {@code batchSize} recipients. */
        BATCH,
        /** {@code POST /v1/emails}, {@code batchSize} {@code to} addresses, matched with EMAIL_REPORT callbacks. */
        EMAIL,
        /**
         * {@code POST /v1/codes} (docs/api.md "Verification codes"), one recipient and no {@code temp_para}: the
         * gateway draws the code. Answered and reported like {@link #SINGLE}.
         */
        CODE;

        /** Whether a request carries one recipient and is answered with a bare {@code msg_id}. */
        boolean oneRecipient() {
            return this == SINGLE || this == CODE;
        }
    }

    public LoadConfig {
        URI uri = parseTarget(target);
        target = uri.toString();
        nonEmpty("appKey", appKey);
        nonEmpty("masterSecret", masterSecret);
        tempPara = tempPara == null ? Map.of() : Map.copyOf(tempPara);
        if (tempId <= 0) {
            throw new IllegalArgumentException("tempId: " + tempId + " (expected: > 0)");
        }
        range("signId", signId, 0, Long.MAX_VALUE);
        if (mode == null) {
            throw new IllegalArgumentException("mode: null (expected: single, batch, email or code)");
        }
        range("batchSize", batchSize, 1, mode == Mode.EMAIL ? MAX_EMAIL_TO : MAX_BATCH);
        range("connections", connections, 1, 1000);
        range("pipeline", pipeline, 1, 1000);
        range("rate", rate, 0, MAX_RATE);
        range("messages", messages, 0, Long.MAX_VALUE);
        range("durationSeconds", durationSeconds, 1, MAX_SECONDS);
        range("requestTimeoutSeconds", requestTimeoutSeconds, 1, 3600);
        range("graceSeconds", graceSeconds, 0, 3600);
        if (!Mobiles.isValid(Long.toString(mobileStart))) {
            throw new IllegalArgumentException("mobileStart: " + mobileStart
                + " (expected: an 11-digit 13x-19x number)");
        }
        if (messages > LAST_MOBILE - mobileStart) {
            throw new IllegalArgumentException("messages: " + messages + " (expected: <= "
                + (LAST_MOBILE - mobileStart) + " distinct numbers after mobileStart " + mobileStart + ")");
        }
        nonEmpty("callbackHost", callbackHost);
        range("callbackPort", callbackPort, 0, 65535);
        if (callbackPath == null || !callbackPath.startsWith("/")) {
            throw new IllegalArgumentException("callbackPath: " + callbackPath + " (expected: a path starting with /)");
        }
        range("emailBodyBytes", emailBodyBytes, 1, MAX_EMAIL_BODY);
        callbackUrl = callbackUrl == null ? "" : callbackUrl;
        resultFile = resultFile == null ? "" : resultFile;
        htmlFile = htmlFile == null ? "" : htmlFile;
    }

    /** 1,000 msgs/s in batches of 100 over 4 connections for 60 s against a gateway on 127.0.0.1:8080. */
    public static LoadConfig defaults() {
        return new LoadConfig("http://127.0.0.1:8080", "demo-app-key", "demo-master-secret", 1, 0,
            Map.of("code", "123456"), Mode.BATCH, 100, 4, 1, 1000, 0, 60, 30, 30, 13_800_000_000L, "127.0.0.1", 8090,
            "/callback", false, "", "loadgen-result.json", "", true, 1024);
    }

    /** A copy with {@code changes} applied (keys are component names); handy in tests. */
    public LoadConfig with(Map<String, ?> changes) {
        return ConfigSections.merge(this, changes);
    }

    /** Recipients per request in the configured mode. */
    int recipientsPerRequest() {
        return mode.oneRecipient() ? 1 : batchSize;
    }

    /** Messages to send at most (no limit = {@link Long#MAX_VALUE}). */
    long messageLimit() {
        return messages == 0 ? Long.MAX_VALUE : messages;
    }

    @Override
    public String toString() {
        return "LoadConfig[target=" + target + ", appKey=" + appKey + ", masterSecret=****, mode=" + mode
            + ", batchSize=" + batchSize + ", connections=" + connections + ", rate=" + rate + ", messages="
            + messages + ", durationSeconds=" + durationSeconds
            + (mode == Mode.EMAIL ? ", emailBodyBytes=" + emailBodyBytes : "") + "]";
    }

    private static URI parseTarget(String target) {
        if (target == null) {
            throw new IllegalArgumentException("target: null (expected: http://host:port)");
        }
        URI uri;
        try {
            uri = URI.create(target.endsWith("/") ? target.substring(0, target.length() - 1) : target);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("target: " + target + " (expected: http://host:port)", e);
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getQuery() != null) {
            throw new IllegalArgumentException("target: " + target + " (expected: http://host:port[/base-path])");
        }
        return uri;
    }
}
