/**
 * Click tracking (docs/api.md "Click tracking"): links in SMS URL variables and email bodies are replaced by short
 * tracking URLs the gateway serves; a click is recorded and redirected. {@link org.cmppgw.gateway.clicks.ClickHistory}
 * is what send policies read. Cold path.
 */
package org.cmppgw.gateway.clicks;
