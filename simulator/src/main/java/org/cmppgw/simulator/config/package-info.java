/**
 * Configuration plumbing shared by the simulator's commands: the {@code --name value} option parser and the YAML
 * section loader that turns {@code config/simulator.yaml} sections into records. Cold path, used at start-up only.
 */
package org.cmppgw.simulator.config;
