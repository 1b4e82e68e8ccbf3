/**
 * The operator's web console (docs/operations.md "Console"): server-rendered pages under {@code /console/} on the
 * management listener, precompiled jte templates, htmx for the parts that refresh. Cold path: a few operators, each
 * page one or two indexed queries on a reader of its own, never on the API's or the carriers' threads.
 */
package org.cmppgw.gateway.console;
