package org.cmppgw.gateway.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal SMTP server for one failure the sink cannot make: it reads a mail's data to the end and then closes the
 * connection without answering, the first {@code drops} times; later mails get 250. One thread, one client at a time.
 */
final class DroppingSmtpServer implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger drops;
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread thread;

    DroppingSmtpServer(int drops) throws IOException {
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.drops = new AtomicInteger(drops);
        this.thread = new Thread(this::serve, "dropping-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    int sessions() {
        return sessions.get();
    }

    /** Mails answered with 250. */
    int accepted() {
        return accepted.get();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                sessions.incrementAndGet();
                session(client);
            } catch (IOException e) {
                // the client or the test closed the connection
            }
        }
    }

    private void session(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
            StandardCharsets.US_ASCII));
        OutputStream out = client.getOutputStream();
        reply(out, "220 dropping ESMTP");
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String verb = line.length() < 4 ? line.toUpperCase() : line.substring(0, 4).toUpperCase();
            switch (verb) {
                case "DATA" -> {
                    reply(out, "354 end with <CRLF>.<CRLF>");
                    for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
                        // the content is not kept
                    }
                    if (drops.getAndDecrement() > 0) {
                        return; // per the test: hang up when the client waits for the answer
                    }
                    accepted.incrementAndGet();
                    reply(out, "250 2.0.0 queued");
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "250 ok");
            }
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
