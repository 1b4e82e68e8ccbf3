package org.cmppgw.gateway.console;

import org.cmppgw.gateway.model.MessageStatus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The console's message search: any of msg_id, mobile, app and status, a time range of acceptance (UTC, as the
 * browser's {@code datetime-local} input sends it), and the msg_id the next page starts below. Each given field
 * narrows the search; every query runs on an index (docs/operations.md "Console").
 *
 * @param msgId  one message, or 0
 * @param mobile the recipient, or empty
 * @param appKey the app, or empty
 * @param status the current status, or null for any
 * @param from   accepted at or after this (Unix ms), or 0
 * @param to     accepted before this (Unix ms), or 0
 * @param before only msg_ids below this (the next page), or 0
 */
public record MessageFilter(long msgId, String mobile, String appKey, MessageStatus status, long from, long to,
                            long before) {
    /** Rows per page. */
    public static final int PAGE = 50;
    static final int MAX_TEXT = 64;

    /** No filter: the newest messages first. */
    static final MessageFilter NONE = new MessageFilter(0, "", "", null, 0, 0, 0);

    /** The filter the query parameters describe. */
    static MessageFilter parse(Map<String, List<String>> query) {
        long from = time(query, "from");
        long to = time(query, "to");
        if (from > 0 && to > 0 && to <= from) {
            throw new IllegalArgumentException("to: must be after from");
        }
        return new MessageFilter(number(query, "msg_id"), text(query, "mobile"), text(query, "app"),
            status(query), from, to, number(query, "before"));
    }

    /** Whether any field narrows the search. */
    public boolean narrowed() {
        return msgId > 0 || !mobile.isEmpty() || !appKey.isEmpty() || status != null || from > 0 || to > 0;
    }

    /** The form's value of a time field ({@code yyyy-MM-ddTHH:mm}, UTC), empty when unset. */
    public static String inputTime(long millis) {
        return millis <= 0 ? "" : LocalDateTime.ofEpochSecond(millis / 1000, 0, ZoneOffset.UTC).toString();
    }

    /** The query string of this filter's next page, starting below {@code lastMsgId}. */
    public String nextPage(long lastMsgId) {
        StringBuilder q = new StringBuilder("?before=").append(lastMsgId);
        if (msgId > 0) {
            q.append("&msg_id=").append(msgId);
        }
        append(q, "mobile", mobile);
        append(q, "app", appKey);
        append(q, "status", status == null ? "" : status.name().toLowerCase(Locale.ROOT));
        append(q, "from", inputTime(from));
        append(q, "to", inputTime(to));
        return q.toString();
    }

    private static void append(StringBuilder q, String name, String value) {
        if (!value.isEmpty()) {
            q.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0).strip();
    }

    private static String text(Map<String, List<String>> query, String name) {
        String value = first(query, name);
        if (value.length() > MAX_TEXT) {
            throw new IllegalArgumentException(name + ": at most " + MAX_TEXT + " characters");
        }
        return value;
    }

    private static long number(Map<String, List<String>> query, String name) {
        String value = first(query, name);
        if (value.isEmpty()) {
            return 0;
        }
        try {
            long number = Long.parseLong(value);
            if (number <= 0) {
                throw new IllegalArgumentException(name + ": " + value + " (expected: a positive number)");
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: a positive number)", e);
        }
    }

    private static MessageStatus status(Map<String, List<String>> query) {
        String value = first(query, "status");
        if (value.isEmpty()) {
            return null;
        }
        try {
            return MessageStatus.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status: " + value
                + " (expected: accepted, submitted, delivered or failed)", e);
        }
    }

    private static long time(Map<String, List<String>> query, String name) {
        String value = first(query, name);
        if (value.isEmpty()) {
            return 0;
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: yyyy-MM-ddTHH:mm, UTC)", e);
        }
    }
}
