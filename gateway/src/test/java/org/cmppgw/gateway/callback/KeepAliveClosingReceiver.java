package org.cmppgw.gateway.callback;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An app's callback receiver on 127.0.0.1 written on plain sockets, so the test decides exactly when a keep-alive
 * connection ends: it answers {@code answered} requests per connection with {@code 200} (keep-alive, no
 * {@code Connection: close}), then closes the connection when the next request arrives, without a byte of answer. That
 * is what a client sees when the server's idle timeout closed the connection while the request was on its way.
 */
final class KeepAliveClosingReceiver implements AutoCloseable {
    private final ServerSocket server;
    private final int answered;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();

    /** @param answered requests answered on each connection before it is closed under the next one (0: none) */
    KeepAliveClosingReceiver(int answered) throws IOException {
        this.answered = answered;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    /** The msgIds of the callbacks answered 200, in order. */
    List<String> acknowledged() {
        return List.copyOf(acknowledged);
    }

    int connections() {
        return connections.get();
    }

    /** Requests whose connection was closed under them. */
    int dropped() {
        return dropped.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                open.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            for (int n = 0; ; n++) {
                String body = readRequest(in);
                if (body == null) {
                    return;
                }
                if (n >= answered) {
                    dropped.incrementAndGet();
                    // SO_LINGER 0: reset, as a server does that gave up on an idle connection with data unread
                    socket.setSoLinger(true, 0);
                    return;
                }
                TestReceiver.Received r = new TestReceiver.Received("POST", "", "", TestReceiver.parse(body), 200);
                acknowledged.add(r.msgId());
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (SocketException e) {
            // the client closed the connection (idle, or the test ended)
        } catch (IOException e) {
            throw new IllegalStateException("receiver - connection failed", e);
        }
    }

    /** One request's body, or null at the end of the stream. */
    static String readRequest(InputStream in) throws IOException {
        int length = -1;
        for (String line = readLine(in); ; line = readLine(in)) {
            if (line == null) {
                return null;
            }
            if (line.isEmpty()) {
                break;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).trim());
            }
        }
        if (length < 0) {
            throw new IllegalStateException("receiver - request without Content-Length");
        }
        byte[] body = in.readNBytes(length);
        return new String(body, StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return null;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
