package org.cmppgw.gateway.intake;

/**
 * The intake cannot take more messages now (queue full, overload); the API answers 503 / 50019. Carries no stack
 * trace: under overload it is thrown often, and where it came from is never the question.
 */
public final class IntakeRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IntakeRefusedException(String message) {
        super(message, null, false, false);
    }
}
