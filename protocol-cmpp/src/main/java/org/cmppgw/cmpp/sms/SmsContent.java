package org.cmppgw.cmpp.sms;

import java.util.Objects;

/**
 * What a message says once decoded: {@link Text}, or {@link Binary} for payloads that are not text — Msg_Fmt 3 and
 * 4, an 8-bit or reserved DCS alphabet, or a UDH that addresses an application port (docs/cmpp-protocol.md §9.1, §15
 * #9).
 */
public sealed interface SmsContent {

    /** Decoded text. */
    record Text(String text) implements SmsContent {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Raw bytes (UDH excluded), kept as they came. */
    record Binary(Bytes bytes) implements SmsContent {
        public Binary {
            Objects.requireNonNull(bytes, "bytes");
        }
    }
}
