package org.cmppgw.gateway.callback;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An app's callback receiver on 127.0.0.1 (port 0 unless given): records every request's form and answers what its
 * {@link Behaviour} says, on its own threads (so it may sleep or block like a slow app).
 */
final class TestReceiver implements AutoCloseable {
    /** What to answer; may block (bounded by the test). */
    @FunctionalInterface
    interface Behaviour {
        int answer(Map<String, String> form, int requestNumber) throws InterruptedException;
    }

    /** One request as received and answered. */
    record Received(String method, String contentType, String query, Map<String, String> form, int answered) {
        String msgId() {
            String data = form.getOrDefault("data", "");
            int at = data.indexOf("\"msgId\":\"");
            return at < 0 ? "" : data.substring(at + 9, data.indexOf('"', at + 9));
        }
    }

    static final Behaviour OK = (form, n) -> 200;

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY each answer waits for the client's
        // delayed ACK (~40 ms), which would make every test app look slow.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(32);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Behaviour behaviour;

    TestReceiver(Behaviour behaviour) throws IOException {
        this(0, behaviour);
    }

    TestReceiver(int port, Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void behaviour(Behaviour value) {
        behaviour = value;
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    int requests() {
        return requests.get();
    }

    /** How many requests were answered 200, by msgId (SMS_REPORT data). */
    Map<String, Integer> acknowledgedByMsgId() {
        Map<String, Integer> counts = new HashMap<>();
        for (Received r : received) {
            if (r.answered() == 200) {
                counts.merge(r.msgId(), 1, Integer::sum);
            }
        }
        return counts;
    }

    long acknowledged() {
        return received.stream().filter(r -> r.answered() == 200).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int n = requests.incrementAndGet();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> form = parse(new String(body, StandardCharsets.UTF_8));
            int status;
            try {
                status = behaviour.answer(form, n);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = 503;
            }
            received.add(new Received(exchange.getRequestMethod(),
                exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestURI().getRawQuery(), form,
                status));
            byte[] reply = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        }
    }

    static Map<String, String> parse(String form) {
        Map<String, String> fields = new HashMap<>();
        if (form.isEmpty()) {
            return fields;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
