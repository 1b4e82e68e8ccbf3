package org.cmppgw.gateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The body of {@code POST /v1/messages/withdraw} (docs/api.md "Withdraw"): up to
 * {@value WithdrawEndpoint#MAX_IDS} message ids, as strings or numbers.
 *
 * @param msgIds the ids the sends answered
 */
record WithdrawRequest(@JsonProperty("msg_ids") List<String> msgIds) {
}
