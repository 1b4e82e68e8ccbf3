/**
 * The JDBC implementation of {@link org.cmppgw.gateway.persistence.MessageStore} for H2 (file mode, MODE=MariaDB) and
 * MariaDB 10.11+: plain SQL as named constants, no ORM, Flyway migrations from {@code db/migration}, HikariCP pools.
 * Cold path: every statement runs on the store's writer thread (group-committed JDBC batches) or its read executor,
 * never on an event loop. Each batch phase lives in its own class ({@code *Phase}); {@link
 * org.cmppgw.gateway.persistence.jdbc.StoreProcessor} runs them in a fixed order inside one transaction.
 */
package org.cmppgw.gateway.persistence.jdbc;
