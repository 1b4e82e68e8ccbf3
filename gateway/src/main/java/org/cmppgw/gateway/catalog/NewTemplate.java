package org.cmppgw.gateway.catalog;

import org.cmppgw.gateway.model.TemplateType;

/**
 * A template that passed {@link TemplateRules}, ready to store.
 *
 * @param content the text as stored: a marketing template ends with the unsubscribe text
 * @param type    its type
 * @param ttl     seconds a code stays valid; 0 for notification and marketing templates
 * @param remark  the note to the reviewer, possibly empty
 */
public record NewTemplate(String content, TemplateType type, int ttl, String remark) {
}
