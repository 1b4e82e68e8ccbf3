/**
 * Scheduled sends (docs/api.md, "Scheduled sends"): a schedule is stored with its recipients rendered, and at its time
 * one node claims it and hands its messages to the intake; the transaction that stores them marks it sent, so it fires
 * exactly once across restarts and nodes.
 */
package org.cmppgw.gateway.schedule;
