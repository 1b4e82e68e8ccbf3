/**
 * SQL building blocks that the store's statements share, whichever package owns the statement (correlation, the
 * callback outbox, the JDBC store itself): the two databases' differences
 * ({@link org.cmppgw.gateway.persistence.sql.Dialect}), chunked {@code IN} lists, primitive id lists and the row
 * readers of reports and MO. Cold path: used on the store's writer and reader threads only.
 */
package org.cmppgw.gateway.persistence.sql;
