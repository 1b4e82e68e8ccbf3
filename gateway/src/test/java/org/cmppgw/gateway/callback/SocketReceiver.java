package org.cmppgw.gateway.callback;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
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
 * An app's callback receiver on 127.0.0.1 written on plain sockets, so a test decides exactly what each connection
 * does and when it ends: a subclass serves each accepted connection on a thread of its own, reading requests with
 * {@link #readRequest} and answering them with {@link #answer}. Records the msgIds it answered 200.
 */
abstract class SocketReceiver implements AutoCloseable {
    static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    private final String scheme;

    SocketReceiver() throws IOException {
        this(null);
    }

    /** With {@code tls}, a receiver of https URLs: each connection is served after a TLS handshake with it. */
    SocketReceiver(SSLContext tls) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.server = tls == null ? new ServerSocket(0, 50, loopback)
            : tls.getServerSocketFactory().createServerSocket(0, 50, loopback);
        this.scheme = tls == null ? "http" : "https";
    }

    /** Starts accepting connections: the last step of a subclass's constructor. */
    final void start() {
        threads.execute(this::accept);
    }

    /**
     * Serves one connection until it ends; {@code number} counts the connections from 1.
     *
     * @throws SocketException when the client closed the connection (idle, or the test ended)
     */
    abstract void serve(Socket socket, InputStream in, OutputStream out, int number) throws IOException;

    String url(String path) {
        return scheme + "://127.0.0.1:" + server.getLocalPort() + path;
    }

    /** The msgIds of the callbacks answered 200, in order. */
    List<String> acknowledged() {
        return List.copyOf(acknowledged);
    }

    int connections() {
        return connections.get();
    }

    /** Writes {@code response} as the answer to the request with {@code body}; the msgId of a 200 is recorded. */
    final String answer(OutputStream out, String body, String response) throws IOException {
        String msgId = new TestReceiver.Received("POST", "", "", TestReceiver.parse(body), 200).msgId();
        if (response.startsWith("HTTP/1.1 200")) {
            acknowledged.add(msgId);
        }
        out.write(response.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return msgId;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                int number = connections.incrementAndGet();
                open.add(socket);
                threads.execute(() -> run(socket, number));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void run(Socket socket, int number) {
        try (socket) {
            serve(socket, new BufferedInputStream(socket.getInputStream()), socket.getOutputStream(), number);
        } catch (SocketException e) {
            // the client closed the connection (idle, or the test ended)
        } catch (SSLException e) {
            // the client refused the handshake (it does not trust this receiver's certificate)
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
