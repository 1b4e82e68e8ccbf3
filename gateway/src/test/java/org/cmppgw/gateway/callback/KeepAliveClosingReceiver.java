package org.cmppgw.gateway.callback;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An app's callback receiver that answers {@code answered} requests per connection with {@code 200} (keep-alive, no
 * {@code Connection: close}), then closes the connection when the next request arrives, without a byte of answer. That
 * is what a client sees when the server's idle timeout closed the connection while the request was on its way.
 */
final class KeepAliveClosingReceiver extends SocketReceiver {
    private final int answered;
    private final AtomicInteger dropped = new AtomicInteger();

    /** @param answered requests answered on each connection before it is closed under the next one (0: none) */
    KeepAliveClosingReceiver(int answered) throws IOException {
        this.answered = answered;
        start();
    }

    /** Requests whose connection was closed under them. */
    int dropped() {
        return dropped.get();
    }

    @Override
    void serve(Socket socket, InputStream in, OutputStream out, int number) throws IOException {
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
            answer(out, body, OK);
        }
    }
}
