package org.cmppgw.benchmarks.codec;

import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * JMH executor ({@code -Djmh.executor=CUSTOM -Djmh.executor.class=...}) whose threads are Netty
 * {@code FastThreadLocalThread}s, like event loops. Netty's string decoding borrows a thread-local scratch array only
 * on such threads and allocates one per call elsewhere, so without this the decode benchmarks would report about
 * 24 bytes per Octet String field that production never allocates.
 */
public final class EventLoopThreads extends ThreadPoolExecutor {

    /** The constructor JMH calls reflectively. */
    public EventLoopThreads(int maxThreads, String prefix) {
        super(maxThreads, maxThreads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
            new DefaultThreadFactory(prefix, true));
    }
}
