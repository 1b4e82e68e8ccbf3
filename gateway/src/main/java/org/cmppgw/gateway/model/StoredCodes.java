package org.cmppgw.gateway.model;

import java.util.Arrays;
import java.util.function.ToIntFunction;

/**
 * The lookup from a stored code back to its enum constant, for enums whose constants the database keeps as small
 * stable codes (a run's or a step's state in docs/api.md "Send policies"). Built once per enum in its static
 * initialiser; {@link #of(int)} is O(1), never scans {@code values()}, and refuses a code no constant has.
 *
 * @param <E> the enum
 */
public final class StoredCodes<E extends Enum<E>> {
    private final E[] byCode;
    private final int lowest;

    private StoredCodes(E[] byCode, int lowest) {
        this.byCode = byCode;
        this.lowest = lowest;
    }

    /**
     * Indexes {@code values} by {@code code}; the codes must run without gaps (0..n or 1..n), as the stored ones do.
     *
     * @throws IllegalArgumentException when two constants share a code or the codes leave a gap
     */
    public static <E extends Enum<E>> StoredCodes<E> index(E[] values, ToIntFunction<E> code) {
        int lowest = Integer.MAX_VALUE;
        for (E value : values) {
            lowest = Math.min(lowest, code.applyAsInt(value));
        }
        E[] byCode = values.clone();
        Arrays.fill(byCode, null);
        for (E value : values) {
            int index = code.applyAsInt(value) - lowest;
            if (index >= byCode.length || byCode[index] != null) {
                throw new IllegalArgumentException(value.getDeclaringClass().getSimpleName() + "." + value.name()
                    + " - code " + code.applyAsInt(value) + " repeats a code or leaves a gap (expected: "
                    + lowest + ".." + (lowest + values.length - 1) + ")");
            }
            byCode[index] = value;
        }
        return new StoredCodes<>(byCode, lowest);
    }

    /**
     * The constant stored as {@code code}.
     *
     * @throws IllegalArgumentException for a code no constant has
     */
    public E of(int code) {
        int index = code - lowest;
        if (index < 0 || index >= byCode.length) {
            throw new IllegalArgumentException("code: " + code + " (expected: " + lowest + ".."
                + (lowest + byCode.length - 1) + ")");
        }
        return byCode[index];
    }
}
