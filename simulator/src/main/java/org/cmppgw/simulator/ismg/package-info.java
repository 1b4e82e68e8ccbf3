/**
 * The simulator's CMPP ISMG: a fake carrier that answers SUBMITs like a real one (docs/cmpp-protocol.md §7, §11.2),
 * hands out spec-shaped Msg_Ids (§8), sends status reports and MO messages (§10) and misbehaves on demand.
 *
 * <p>The classes here are the session-independent core: configuration records ({@link
 * org.cmppgw.simulator.ismg.IsmgConfig}), per-account state ({@link org.cmppgw.simulator.ismg.IsmgAccounts}), the
 * SUBMIT decision ({@link org.cmppgw.simulator.ismg.SubmitHandling}), the report pipeline ({@link
 * org.cmppgw.simulator.ismg.ReportPlanner}, {@link org.cmppgw.simulator.ismg.ReportQueue}, {@link
 * org.cmppgw.simulator.ismg.ReportDispatcher}), MO traffic ({@link org.cmppgw.simulator.ismg.MoGenerator}), faults
 * ({@link org.cmppgw.simulator.ismg.ConnectionFaults}) and metrics, assembled by {@link
 * org.cmppgw.simulator.ismg.IsmgCore}. The Netty glue on top of them stays thin: decode, decide, respond, schedule.
 * {@link org.cmppgw.simulator.ismg.IsmgServer} runs it on protocol-cmpp's {@code CmppServer}: one {@code
 * IsmgConnection} per session, one {@code IsmgTicker} that moves due reports and MO to the connections, and {@link
 * org.cmppgw.simulator.ismg.IsmgCommand} is {@code simulator ismg}.
 *
 * <p>Hot path: {@code IsmgConnection}, {@code Outbound}, {@code SubmitHandling}, {@code MsgIdGenerator}, {@code
 * TpsLimiter}, the report pipeline and the fault counters run once per SUBMIT or report, from several event loops at
 * once. They take no locks on the SUBMIT path (atomics only), log nothing per message and read time from injected
 * clocks. Configuration records, the command and the metrics endpoint are cold.
 */
package org.cmppgw.simulator.ismg;
