package org.cmppgw.gateway.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.cmppgw.gateway.intake.JsonStringOnly;

/**
 * The body of {@code POST /v1/templates} and {@code PUT /v1/templates/{temp_id}} as sent; every field may be absent,
 * {@link TemplateRules} decides. JSMS's SDK also sends {@code temp_id} (0 on create): it is ignored, the path names
 * the template.
 *
 * @param template the text with {@code {{name}}} variables; a JSON string only
 * @param type     1 verification code, 2 notification, 3 marketing
 * @param ttl      seconds a code stays valid (type 1)
 * @param remark   a note to the reviewer; a JSON string only
 */
public record TemplateRequest(@JsonProperty("template") @JsonDeserialize(using = JsonStringOnly.class) String template,
                              @JsonProperty("type") Integer type,
                              @JsonProperty("ttl") Integer ttl,
                              @JsonProperty("remark") @JsonDeserialize(using = JsonStringOnly.class) String remark) {
}
