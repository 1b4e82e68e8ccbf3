package org.cmppgw.cmpp.codec;

import io.netty.handler.codec.DecoderException;
import org.cmppgw.cmpp.CommandId;

/**
 * A frame whose length was sound but whose body could not be decoded, or whose Command_Id this library does not
 * speak. The stream is still in sync, so the connection can live: the session answers a known request with its
 * {@code *_RESP} "message structure error" and carries on (docs/design.md §10 rule 14). {@link CmppDecoder} passes
 * these in-band, as inbound messages in stream order, instead of throwing; see its Javadoc.
 */
public final class CmppCodecException extends DecoderException {
    private static final long serialVersionUID = 1L;

    private final int commandIdCode;
    private final int sequenceId;

    public CmppCodecException(int commandIdCode, int sequenceId, String reason, Throwable cause) {
        super("commandId=" + CommandId.hex(commandIdCode) + ", sequenceId=" + Integer.toUnsignedString(sequenceId)
            + " - " + reason, cause);
        this.commandIdCode = commandIdCode;
        this.sequenceId = sequenceId;
    }

    public CmppCodecException(int commandIdCode, int sequenceId, String reason) {
        this(commandIdCode, sequenceId, reason, null);
    }

    /** The raw Command_Id of the frame. */
    public int commandIdCode() {
        return commandIdCode;
    }

    public int sequenceId() {
        return sequenceId;
    }

    /** Whether the Command_Id is one this library speaks (then {@link #commandId()} works). */
    public boolean knownCommand() {
        return CommandId.isKnown(commandIdCode);
    }

    /**
     * The command of the bad frame.
     *
     * @throws IllegalArgumentException when the Command_Id is unknown
     */
    public CommandId commandId() {
        return CommandId.of(commandIdCode);
    }

    /** No stack trace: the message names the frame, and hostile peers must not make us pay for traces. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
