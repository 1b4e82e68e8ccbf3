/**
 * The simulator's command line: one jar, four modes ({@code ismg}, {@code smtp}, {@code load},
 * {@code callbacks}), each a command class with {@code static int run(String[] args)}. Cold path.
 */
package org.cmppgw.simulator;
