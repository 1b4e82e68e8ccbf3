package org.cmppgw.gateway.persistence;

/**
 * The durable record of every message's life (docs/design.md §3), all concerns in one: the accept
 * ({@link IntakeStore}), submit outcomes, reports and their correlation ({@link CorrelationStore}), the callback outbox
 * ({@link CallbackOutbox}), reads ({@link MessageQueries}) and report pulls ({@link ReportPulls}). Components depend
 * on the one concern they use; only the assembly holds the whole store, to open and close it.
 */
public interface MessageStore extends IntakeStore, CorrelationStore, CallbackOutbox, MessageQueries, ReportPulls,
    AutoCloseable {
    /** Completes queued writes, then stops the writer; later calls fail. Does not close the data source. */
    @Override
    void close();
}
