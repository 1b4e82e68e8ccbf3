package org.cmppgw.simulator.smtp;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The configured {@link SmtpFailure}s compiled once; the first matching rule wins. Thread-safe (immutable). */
final class RecipientRules {
    private final List<SmtpFailure> failures;
    private final List<Pattern> patterns;

    RecipientRules(List<SmtpFailure> failures) {
        this.failures = List.copyOf(failures);
        this.patterns = this.failures.stream().map(SmtpFailure::pattern).toList();
    }

    /** The failure to answer for {@code address}, if any rule matches. */
    Optional<SmtpFailure> match(String address) {
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).matcher(address).matches()) {
                return Optional.of(failures.get(i));
            }
        }
        return Optional.empty();
    }
}
