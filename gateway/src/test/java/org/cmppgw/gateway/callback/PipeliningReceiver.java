package org.cmppgw.gateway.callback;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * An app's callback receiver that shows whether requests were pipelined. On each connection it answers the first
 * request at once (so the client learns the connection stays open); after that it reads a whole group of requests
 * before it answers any of them, so only a client that writes them one behind the other on this connection ever gets
 * its answers. The first group (of {@code group} requests) on the first connection ends as {@link FirstGroup} says;
 * every later group, on any connection, has {@code laterGroup} requests and is answered 200.
 */
final class PipeliningReceiver extends SocketReceiver {
    private static final String REFUSED = "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 2\r\n\r\nno";
    private static final String CLOSING = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok";

    /** How the first group of pipelined requests on the first connection is answered. */
    enum FirstGroup {
        /** In order, the second with 500 and the others with 200. */
        SECOND_REFUSED,
        /** The first with 200, then the connection is closed without a word about it: the others get no answer. */
        CLOSED_AFTER_FIRST,
        /** The first with 200 and {@code Connection: close}, then the connection is closed as announced. */
        CLOSE_ANNOUNCED_AFTER_FIRST
    }

    private final int group;
    private final FirstGroup first;
    /** Read after a group's first request arrives: {@link #laterGroups} applies to every group begun after it. */
    private volatile int laterGroup;
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final AtomicBoolean pipelinedOutsideGroups = new AtomicBoolean();
    private final AtomicInteger laterGroupsOfMany = new AtomicInteger();

    PipeliningReceiver(int group, FirstGroup first, int laterGroup) throws IOException {
        this(null, group, first, laterGroup);
    }

    /** As above; with {@code tls}, a receiver of https URLs. */
    PipeliningReceiver(SSLContext tls, int group, FirstGroup first, int laterGroup) throws IOException {
        super(tls);
        this.group = group;
        this.first = first;
        this.laterGroup = laterGroup;
        start();
    }

    /** From now on every group after the first has {@code size} requests. */
    void laterGroups(int size) {
        laterGroup = size;
    }

    /** Groups of more than one request read and answered after the first group: each was pipelined. */
    int laterGroupsOfMany() {
        return laterGroupsOfMany.get();
    }

    /** The msgIds of the callbacks answered 500. */
    List<String> refused() {
        return List.copyOf(refused);
    }

    /**
     * Whether a request it was not waiting for in a group had another already behind it when it was read: the client
     * pipelined where it was not asked to (seen only when the next request arrived before the answer was written).
     */
    boolean pipelinedOutsideGroups() {
        return pipelinedOutsideGroups.get();
    }

    /** Requests read and never answered, because their connection was closed after the one ahead of them. */
    int unanswered() {
        return unanswered.get();
    }

    @Override
    void serve(Socket socket, InputStream in, OutputStream out, int number) throws IOException {
        String opening = readRequest(in);
        if (opening == null) {
            return;
        }
        notePipelined(in);
        answer(out, opening, OK);
        for (boolean firstGroup = number == 1; ; firstGroup = false) {
            boolean firstOne = firstGroup;
            List<String> bodies = readGroup(in, () -> firstOne ? group : laterGroup);
            if (bodies == null) {
                return;
            }
            if (!firstGroup && laterGroup == 1) {
                notePipelined(in);
            }
            if (firstGroup && first != FirstGroup.SECOND_REFUSED) {
                answer(out, bodies.get(0), first == FirstGroup.CLOSE_ANNOUNCED_AFTER_FIRST ? CLOSING : OK);
                unanswered.addAndGet(bodies.size() - 1);
                return;
            }
            if (!firstGroup && bodies.size() > 1) {
                laterGroupsOfMany.incrementAndGet();
            }
            for (int i = 0; i < bodies.size(); i++) {
                if (firstGroup && i == 1) {
                    refused.add(answer(out, bodies.get(i), REFUSED));
                } else {
                    answer(out, bodies.get(i), OK);
                }
            }
        }
    }

    private void notePipelined(InputStream in) throws IOException {
        if (in.available() > 0) {
            pipelinedOutsideGroups.set(true);
        }
    }

    /** A group's requests' bodies, as many as {@code size} says once the first has come; null if the stream ends. */
    private static List<String> readGroup(InputStream in, IntSupplier size) throws IOException {
        List<String> bodies = new ArrayList<>();
        do {
            String body = readRequest(in);
            if (body == null) {
                return null;
            }
            bodies.add(body);
        } while (bodies.size() < size.getAsInt());
        return bodies;
    }
}
