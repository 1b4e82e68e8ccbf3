/**
 * Plumbing shared by the simulator's commands: the {@code --name value} option parser, the YAML section loader that
 * turns {@code config/simulator.yaml} sections into records, the common start of a command ({@code --help}, usage
 * errors) and the wait for the shutdown signal. Cold path, used at start-up and shutdown only.
 */
package org.cmppgw.simulator.config;
