package org.cmppgw.gateway.callback;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An app's callback receiver on 127.0.0.1, on plain sockets, that shows whether requests were pipelined. On each
 * connection it answers the first request at once (so the client learns the connection stays open); after that it
 * reads a whole group of requests before it answers any of them, so only a client that writes them one behind the
 * other on this connection ever gets its answers. The first group (of {@code group} requests) on the first connection
 * ends as {@link FirstGroup} says; every later group, on any connection, has {@code laterGroup} requests and is
 * answered 200.
 */
final class PipeliningReceiver implements AutoCloseable {
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    /** How the first group of pipelined requests on the first connection is answered. */
    enum FirstGroup {
        /** In order, the second with 500 and the others with 200. */
        SECOND_REFUSED,
        /** The first with 200, then the connection is closed without a word about it: the others get no answer. */
        CLOSED_AFTER_FIRST,
        /** The first with 200 and {@code Connection: close}, then the connection is closed as announced. */
        CLOSE_ANNOUNCED_AFTER_FIRST
    }

    private final ServerSocket server;
    private final int group;
    private final FirstGroup first;
    private final int laterGroup;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger unanswered = new AtomicInteger();

    PipeliningReceiver(int group, FirstGroup first, int laterGroup) throws IOException {
        this.group = group;
        this.first = first;
        this.laterGroup = laterGroup;
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

    /** The msgIds of the callbacks answered 500. */
    List<String> refused() {
        return List.copyOf(refused);
    }

    int connections() {
        return connections.get();
    }

    /** Requests read and never answered, because their connection was closed after the one ahead of them. */
    int unanswered() {
        return unanswered.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                boolean firstConnection = connections.incrementAndGet() == 1;
                open.add(socket);
                threads.execute(() -> serve(socket, firstConnection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, boolean firstConnection) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            String opening = KeepAliveClosingReceiver.readRequest(in);
            if (opening == null) {
                return;
            }
            answer(out, opening, OK);
            for (boolean firstGroup = firstConnection; ; firstGroup = false) {
                List<String> bodies = readGroup(in, firstGroup ? group : laterGroup);
                if (bodies == null) {
                    return;
                }
                if (firstGroup && first != FirstGroup.SECOND_REFUSED) {
                    answer(out, bodies.get(0), first == FirstGroup.CLOSE_ANNOUNCED_AFTER_FIRST
                        ? "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok" : OK);
                    unanswered.addAndGet(bodies.size() - 1);
                    return;
                }
                for (int i = 0; i < bodies.size(); i++) {
                    boolean refuse = firstGroup && i == 1;
                    answer(out, bodies.get(i), refuse
                        ? "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 2\r\n\r\nno" : OK);
                }
            }
        } catch (SocketException e) {
            // the client closed the connection (idle, or the test ended)
        } catch (IOException e) {
            throw new IllegalStateException("receiver - connection failed", e);
        }
    }

    /** {@code size} requests' bodies, or null if the stream ends first. */
    private static List<String> readGroup(InputStream in, int size) throws IOException {
        List<String> bodies = new ArrayList<>();
        while (bodies.size() < size) {
            String body = KeepAliveClosingReceiver.readRequest(in);
            if (body == null) {
                return null;
            }
            bodies.add(body);
        }
        return bodies;
    }

    private void answer(OutputStream out, String body, String response) throws IOException {
        String msgId = new TestReceiver.Received("POST", "", "", TestReceiver.parse(body), 200).msgId();
        (response.startsWith("HTTP/1.1 200") ? acknowledged : refused).add(msgId);
        out.write(response.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        threads.shutdownNow();
    }
}
