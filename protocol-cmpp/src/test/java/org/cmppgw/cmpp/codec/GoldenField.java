package org.cmppgw.cmpp.codec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One field of a golden PDU as its source states it: the name of the vectors (docs/cmpp-protocol.md §17) and the value
 * in their JSON conventions (numbers, uint64 as decimal strings, raw bytes as lowercase hex).
 *
 * @param name  e.g. {@code Report.Stat}
 * @param value a JSON number or string
 */
public record GoldenField(String name, JsonNode value) {
}
