/**
 * Operator tooling: {@link org.cmppgw.cmpp.tool.PduFields} names every field of a decoded PDU the way the golden
 * vectors do (docs/cmpp-protocol.md §17), and {@link org.cmppgw.cmpp.tool.CmppTool} prints a hex PDU as JSON. Cold
 * path: used by people and tests, never per message; only this package touches the optional Jackson dependency.
 */
package org.cmppgw.cmpp.tool;
