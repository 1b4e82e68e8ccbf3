package org.cmppgw.cmpp.sms;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;

/**
 * How {@link Segmenter} splits (docs/cmpp-protocol.md §9.4, §15 #14).
 *
 * @param referenceWidth   8-bit (6-byte UDH, the default) or 16-bit (7-byte UDH) concatenation reference
 * @param signatureReserve characters kept free for a signature the carrier appends on its side (e.g. 【公司】),
 *                         0..{@value #MAX_SIGNATURE_RESERVE}; counted as UTF-16 units in UCS2 and as 2 bytes each
 *                         in GBK. With a reserve, an ASCII text must fit one UCS2 message together with it (70
 *                         units), because a Chinese signature makes the ISMG send the whole message as UCS2.
 *                         Binary payloads ignore it
 * @param signatureScope   which parts lose that room: the first (where [Z] issue #17 saw the overflow, and the only
 *                         part of a single message), or every part, for a carrier whose placement is unknown
 * @param asciiMax         Msg_Fmt 0 single-part limit, {@value SmsText#MIN_ASCII_MAX}..{@value
 *                         SmsText#DEFAULT_ASCII_MAX} (§9.1, §16)
 * @param references       source of concatenation references, taken modulo 256 or 65536, drawn once per
 *                         multi-part message: a per-destination counter or a random source ([R] §9.4)
 */
public record SegmenterOptions(ReferenceWidth referenceWidth, int signatureReserve, SignatureScope signatureScope,
                               int asciiMax, IntSupplier references) {
    /** Leaves at least 6 UTF-16 units (or 13 GBK bytes) in a 16-bit-reference part. */
    public static final int MAX_SIGNATURE_RESERVE = 60;

    /** Where a carrier-appended signature lands, hence which parts keep room for it. */
    public enum SignatureScope {
        FIRST_PART,
        EVERY_PART
    }

    public SegmenterOptions {
        Objects.requireNonNull(referenceWidth, "referenceWidth");
        if (signatureReserve < 0 || signatureReserve > MAX_SIGNATURE_RESERVE) {
            throw new IllegalArgumentException(
                "signatureReserve: " + signatureReserve + " (expected: 0.." + MAX_SIGNATURE_RESERVE + ")");
        }
        Objects.requireNonNull(signatureScope, "signatureScope");
        if (asciiMax < SmsText.MIN_ASCII_MAX || asciiMax > SmsText.DEFAULT_ASCII_MAX) {
            throw new IllegalArgumentException("asciiMax: " + asciiMax + " (expected: 140..159)");
        }
        Objects.requireNonNull(references, "references");
    }

    /** 8-bit references drawn at random, no signature reserve, ASCII up to 159 bytes: the [R] defaults of §9.4. */
    public static SegmenterOptions defaults() {
        return new SegmenterOptions(ReferenceWidth.EIGHT_BIT, 0, SignatureScope.FIRST_PART,
            SmsText.DEFAULT_ASCII_MAX, () -> ThreadLocalRandom.current().nextInt());
    }

    public SegmenterOptions withReferenceWidth(ReferenceWidth value) {
        return new SegmenterOptions(value, signatureReserve, signatureScope, asciiMax, references);
    }

    public SegmenterOptions withSignatureReserve(int characters, SignatureScope scope) {
        return new SegmenterOptions(referenceWidth, characters, scope, asciiMax, references);
    }

    public SegmenterOptions withAsciiMax(int value) {
        return new SegmenterOptions(referenceWidth, signatureReserve, signatureScope, value, references);
    }

    public SegmenterOptions withReferences(IntSupplier value) {
        return new SegmenterOptions(referenceWidth, signatureReserve, signatureScope, asciiMax, value);
    }
}
