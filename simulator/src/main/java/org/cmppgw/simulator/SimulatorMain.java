package org.cmppgw.simulator;

import org.cmppgw.simulator.callbacks.CallbacksCommand;
import org.cmppgw.simulator.ismg.IsmgCommand;
import org.cmppgw.simulator.load.LoadCommand;
import org.cmppgw.simulator.smtp.SmtpCommand;

import java.util.Arrays;

/**
 * {@code java -jar simulator.jar ismg|smtp|load|callbacks [options]}: picks the mode and hands the remaining
 * arguments to its command; the command's return value is the process exit code (0 ok, 1 run failed, 2 usage error).
 */
public final class SimulatorMain {
    static final String HELP = String.join(System.lineSeparator(),
        "usage: java -jar simulator.jar <mode> [options]",
        "",
        "Modes:",
        "  ismg       a fake carrier SMS gateway (CMPP 2.0/3.0 ISMG)",
        "  smtp       an SMTP sink: accepts and counts mail, optional AUTH, STARTTLS, implicit TLS, injected failures",
        "  load       a load generator for the JSMS-shaped HTTP API, with its own callback receiver",
        "  callbacks  watch the gateway's callbacks: checks signatures, prints one JSON line per callback",
        "",
        "Run 'java -jar simulator.jar <mode> --help' for the options of a mode.",
        "");

    private SimulatorMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Dispatches to a mode; separate from {@link #main} so tests can call it without exiting. */
    static int run(String[] args) {
        if (args.length == 0 || "--help".equals(args[0]) || "-h".equals(args[0]) || "help".equals(args[0])) {
            System.out.print(HELP);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "ismg" -> IsmgCommand.run(rest);
            case "smtp" -> SmtpCommand.run(rest);
            case "load" -> LoadCommand.run(rest);
            case "callbacks" -> CallbacksCommand.run(rest);
            default -> {
                System.err.println("unknown mode: " + args[0] + " (expected: ismg, smtp, load or callbacks)");
                System.err.print(HELP);
                yield 2;
            }
        };
    }
}
