package org.cmppgw.cmpp.tool;

import java.util.Objects;

/**
 * One field of a PDU, named and valued as in the golden vectors (docs/cmpp-protocol.md §17): integers are numbers,
 * everything else is text (uint64 Msg_Id as unsigned decimal, Command_Id as {@code 0x%08x}, raw bytes as lowercase
 * hex).
 *
 * @param name  the field name, e.g. {@code Src_terminal_Id} or {@code Report.Stat}
 * @param value a {@link Long} or a {@link String}
 */
public record PduField(String name, Object value) {
    public PduField {
        Objects.requireNonNull(name, "name");
        if (!(value instanceof Long) && !(value instanceof String)) {
            throw new IllegalArgumentException("value: " + value + " (expected: a Long or a String)");
        }
    }

    public static PduField number(String name, long value) {
        return new PduField(name, value);
    }

    public static PduField text(String name, String value) {
        return new PduField(name, value);
    }

    /** True for integer fields, which JSON prints as numbers. */
    public boolean isNumber() {
        return value instanceof Long;
    }
}
