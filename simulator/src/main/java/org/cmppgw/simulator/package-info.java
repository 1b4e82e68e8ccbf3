/**
 * The simulator's command line: one jar, three modes ({@code ismg}, {@code smtp}, {@code load}), each a command
 * class with {@code static int run(String[] args)}. Cold path.
 */
package org.cmppgw.simulator;
