package org.cmppgw.gateway.console;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.cmppgw.gateway.persistence.jdbc.DataSources;
import org.cmppgw.gateway.persistence.sql.JdbcExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The console's message search and detail over the real schema (V1 … V24), the same on H2 and MariaDB. */
abstract class MessageSearchContract {
    static final long T0 = Instant.parse("2026-12-04T10:00:00Z").toEpochMilli();

    HikariDataSource dataSource;
    JdbcExecutor reads;
    MessageSearch search;

    abstract DataSourceSettings newDatabase() throws Exception;

    @BeforeEach
    final void open() throws Exception {
        dataSource = DataSources.open(newDatabase());
        reads = new JdbcExecutor(dataSource, "console-read", 1, 8);
        search = new MessageSearch(reads);
    }

    @AfterEach
    final void close() {
        reads.close();
        dataSource.close();
    }

    /** A message accepted {@code minute} minutes after T0, as the gateway's id generator would number it. */
    static long id(int minute, int sequence) {
        return MessageIdGenerator.firstIdOf(T0 + minute * 60_000L) + sequence;
    }

    void message(long msgId, String app, String mobile) throws SQLException {
        execute("INSERT INTO message (msg_id, app_key, mobile, content, template_id, priority, callback_url, parts,"
            + " accepted_at) VALUES (?, ?, ?, ?, 1, 0, NULL, 1, ?)", msgId, app, mobile, "text of " + msgId,
            MessageIdGenerator.epochMillisOf(msgId));
    }

    void finalStatus(long msgId, MessageStatus status, String stat) throws SQLException {
        execute("INSERT INTO message_final (msg_id, app_key, mobile, status, stat, final_at, pulled)"
            + " VALUES (?, 'app', 'm', ?, ?, ?, 0)", msgId, status.code(), stat, T0);
    }

    void execute(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    private static MessageFilter filter(String mobile, String app, MessageStatus status, long from, long to,
                                        long before) {
        return new MessageFilter(0, mobile, app, status, from, to, before);
    }

    @Test
    void pagesByMobileNewestFirst() throws SQLException {
        for (int i = 0; i < MessageFilter.PAGE + 5; i++) {
            message(id(i, 0), "a", "13800138000");
            message(id(i, 1), "a", "13900139000");
        }
        List<MessageRow> first = search.search(filter("13800138000", "", null, 0, 0, 0)).join();
        assertThat(first).hasSize(MessageFilter.PAGE + 1);
        assertThat(first.get(0).msgId()).isEqualTo(id(MessageFilter.PAGE + 4, 0));
        assertThat(first).extracting(MessageRow::mobile).containsOnly("13800138000");
        long last = first.get(MessageFilter.PAGE - 1).msgId();
        List<MessageRow> second = search.search(filter("13800138000", "", null, 0, 0, last)).join();
        assertThat(second).extracting(MessageRow::msgId).containsExactly(id(4, 0), id(3, 0), id(2, 0), id(1, 0),
            id(0, 0));
    }

    @Test
    void filtersByAppStatusAndTime() throws SQLException {
        message(id(0, 0), "a", "1");
        message(id(1, 0), "b", "2");
        message(id(2, 0), "b", "3");
        message(id(3, 0), "b", "4");
        message(id(4, 0), "c", "5");
        finalStatus(id(1, 0), MessageStatus.DELIVERED, "DELIVRD");
        finalStatus(id(2, 0), MessageStatus.FAILED, "UNDELIV");
        execute("INSERT INTO pending_message (msg_id, node_id) VALUES (?, 0)", id(3, 0));
        // in a node's memory since its accept (V28)
        execute("INSERT INTO held_message (msg_id, node_id, queue_rank, due_at, expires_at, provider, app_key)"
            + " VALUES (?, 1, 1, 0, 0, 'p', 'c')", id(4, 0));
        // in a node's memory since its accept, queued in its own row (V33): until every part has an accepted submit
        message(id(5, 0), "d", "6");
        message(id(6, 0), "d", "7");
        execute("UPDATE message SET held_node = 1 WHERE app_key = 'd'");
        execute("INSERT INTO carrier_submit (provider, carrier_msg_id, msg_id, part_no, part_count, result,"
            + " submitted_at) VALUES ('cmcc', 78, ?, 1, 1, 0, ?)", id(6, 0), T0);

        assertThat(search.search(filter("", "b", null, 0, 0, 0)).join()).extracting(MessageRow::msgId)
            .containsExactly(id(3, 0), id(2, 0), id(1, 0));
        assertThat(search.search(filter("", "", MessageStatus.DELIVERED, 0, 0, 0)).join()).singleElement()
            .satisfies(r -> assertThat(r.stat()).isEqualTo("DELIVRD"));
        assertThat(search.search(filter("", "b", MessageStatus.FAILED, 0, 0, 0)).join()).extracting(MessageRow::msgId)
            .containsExactly(id(2, 0));
        assertThat(search.search(filter("", "", MessageStatus.ACCEPTED, 0, 0, 0)).join())
            .extracting(MessageRow::msgId).containsExactly(id(5, 0), id(4, 0), id(3, 0));
        assertThat(search.search(filter("", "d", null, 0, 0, 0)).join()).extracting(MessageRow::status)
            .containsExactly("SUBMITTED", "ACCEPTED");
        assertThat(search.search(filter("", "c", null, 0, 0, 0)).join()).extracting(MessageRow::status)
            .containsExactly("ACCEPTED");
        assertThat(search.search(filter("", "", MessageStatus.SUBMITTED, 0, 0, 0)).join())
            .extracting(MessageRow::msgId).containsExactly(id(6, 0), id(0, 0));
        assertThat(search.search(filter("", "", null, T0 + 60_000, T0 + 3 * 60_000, 0)).join())
            .extracting(MessageRow::msgId).containsExactly(id(2, 0), id(1, 0));
        assertThat(search.search(new MessageFilter(id(2, 0), "", "", null, 0, 0, 0)).join())
            .extracting(MessageRow::status).containsExactly("FAILED");
    }

    @Test
    void detailShowsSubmitsReportsAndOwedCallbacks() throws SQLException {
        long msgId = id(0, 0);
        message(msgId, "a", "13800138000");
        execute("INSERT INTO carrier_submit (provider, carrier_msg_id, msg_id, part_no, part_count, result,"
            + " submitted_at) VALUES ('cmcc', ?, ?, 1, 2, 0, ?)", -5L, msgId, T0);
        execute("INSERT INTO carrier_submit (provider, carrier_msg_id, msg_id, part_no, part_count, result,"
            + " submitted_at) VALUES ('cmcc', 77, ?, 2, 2, 8, ?)", msgId, T0);
        execute("INSERT INTO message_part (msg_id, part_no, provider, carrier_msg_id, stat, reported_at)"
            + " VALUES (?, 1, 'cmcc', 77, 'DELIVRD', ?)", msgId, T0);
        execute("INSERT INTO callback_outbox (id, kind, app_key, url, ref_id, created_at, due_at, attempts)"
            + " VALUES (9, 1, 'a', 'http://app/cb', ?, ?, NULL, 7)", msgId, T0);
        execute("INSERT INTO callback_outbox (id, kind, app_key, url, ref_id, created_at, due_at, attempts)"
            + " VALUES (10, 1, 'a', 'http://app/cb2', ?, ?, ?, 2)", msgId, T0, T0 + 180_000);
        execute("INSERT INTO held_callback (node_id, id, kind, app_key, url, ref_id, created_at)"
            + " VALUES (1, 11, 1, 'a', 'http://app/cb3', ?, ?)", msgId, T0);
        execute("INSERT INTO held_callback (node_id, id, kind, app_key, url, ref_id, created_at)"
            + " VALUES (1, 12, 1, 'a', 'http://app/cb', ?, ?)", msgId + 1, T0);

        MessageDetail detail = search.detail(msgId).join().orElseThrow();
        assertThat(detail.content()).isEqualTo("text of " + msgId);
        assertThat(detail.row().status()).isEqualTo("SUBMITTED");
        assertThat(detail.submits()).extracting(MessageDetail.Submit::carrierMsgId)
            .containsExactly(Long.toUnsignedString(-5L), "77");
        assertThat(detail.reports()).singleElement().satisfies(r -> assertThat(r.stat()).isEqualTo("DELIVRD"));
        assertThat(detail.callbacks()).as("abandoned, waiting for a retry, and being sent by its node")
            .extracting(MessageDetail.OwedCallback::kind, MessageDetail.OwedCallback::url,
                MessageDetail.OwedCallback::attempts, MessageDetail.OwedCallback::dueAt)
            .containsExactly(tuple("SMS_REPORT", "http://app/cb", 7, "abandoned"),
                tuple("SMS_REPORT", "http://app/cb2", 2, MessageSearch.time(T0 + 180_000)),
                tuple("SMS_REPORT", "http://app/cb3", 1, "sending"));
        assertThat(detail.delivered()).as("not acknowledged").isEmpty();
        assertThat(search.detail(msgId + 1).join()).isEmpty();
    }

    @Test
    void detailShowsAReportCallbackHeldInTheFinalRowAsBeingSent() throws SQLException {
        long msgId = id(0, 2);
        message(msgId, "a", "13800138002");
        execute("UPDATE message SET callback_url = 'http://app/cb' WHERE msg_id = ?", msgId);
        finalStatus(msgId, MessageStatus.DELIVERED, "DELIVRD");
        execute("UPDATE message_final SET callback_node = 1 WHERE msg_id = ?", msgId);

        assertThat(search.detail(msgId).join().orElseThrow().callbacks())
            .extracting(MessageDetail.OwedCallback::kind, MessageDetail.OwedCallback::url,
                MessageDetail.OwedCallback::attempts, MessageDetail.OwedCallback::dueAt)
            .containsExactly(tuple("SMS_REPORT", "http://app/cb", 1, "sending"));

        execute("UPDATE message_final SET callback_at = ?, callback_attempts = 1 WHERE msg_id = ?", T0 + 1_000, msgId);
        MessageDetail delivered = search.detail(msgId).join().orElseThrow();
        assertThat(delivered.callbacks()).isEmpty();
        assertThat(delivered.delivered()).hasSize(1);
    }

    @Test
    void detailShowsTheReportCallbackOnceAcknowledged() throws SQLException {
        long msgId = id(0, 1);
        message(msgId, "a", "13800138001");
        finalStatus(msgId, MessageStatus.DELIVERED, "DELIVRD");
        execute("UPDATE message_final SET callback_at = ?, callback_attempts = 3 WHERE msg_id = ?", T0 + 1_000, msgId);

        MessageDetail detail = search.detail(msgId).join().orElseThrow();
        assertThat(detail.delivered()).containsExactly(new MessageDetail.DeliveredCallback("SMS_REPORT",
            MessageSearch.time(T0 + 1_000), 3));
        assertThat(detail.callbacks()).isEmpty();
    }
}
