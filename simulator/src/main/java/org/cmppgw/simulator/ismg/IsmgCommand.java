package org.cmppgw.simulator.ismg;

/** Placeholder for the CMPP ISMG mode; the real command replaces this file (issue 3). */
public final class IsmgCommand {
    private IsmgCommand() {
    }

    /** Prints a note and fails: the ISMG is not built yet. */
    public static int run(String[] args) {
        System.err.println("ismg mode: see issue 3");
        return 2;
    }
}
