/**
 * The JDBC implementation of {@link org.cmppgw.gateway.persistence.MessageStore} for H2 (file mode, MODE=MariaDB) and
 * MariaDB 10.11+: plain SQL as named constants, no ORM, Flyway migrations from {@code db/migration}, HikariCP pools.
 * Cold path: every statement runs on a store lane's writer thread (group-committed JDBC batches) or its read executor,
 * never on an event loop. Each lane has its own processor that knows only its own writes
 * ({@link org.cmppgw.gateway.persistence.jdbc.AcceptPhase}, {@link org.cmppgw.gateway.persistence.jdbc.StatusLane},
 * {@link org.cmppgw.gateway.persistence.jdbc.OutboxLane}) and runs its phases in a fixed order inside one
 * transaction; the business steps they run live in {@code correlation} and {@code callback.outbox}, and the SQL
 * helpers every statement shares in {@code persistence.sql}.
 */
package org.cmppgw.gateway.persistence.jdbc;
