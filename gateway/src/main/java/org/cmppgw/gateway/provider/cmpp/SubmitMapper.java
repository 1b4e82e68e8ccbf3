package org.cmppgw.gateway.provider.cmpp;

import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.MsgId;
import org.cmppgw.cmpp.sms.SubmitPart;
import org.cmppgw.gateway.config.ProviderConfig;
import org.cmppgw.gateway.config.RouteRule;
import org.cmppgw.gateway.config.SubmitDefaults;
import org.cmppgw.gateway.config.SubmitOverride;
import org.cmppgw.gateway.config.TemplateConfig;
import org.cmppgw.gateway.provider.OutboundSms;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One part of an {@link OutboundSms} as the CMPP_SUBMIT of a provider (docs/cmpp-protocol.md §7.1, §9.5): Msg_Id 0,
 * Registered_Delivery 1 on every part (each part gets its own report), Src_Id = access number plus the app's extension
 * (§10.3), and the fields the carrier checks (Service_Id, Fee_UserType, Fee_terminal_Id and its type, FeeType,
 * FeeCode, Msg_level, Msg_src, ValId_Time, At_Time, TP_pId) from the provider's {@code submit} block, replaced key by
 * key by the message's routing rule and then by its template. LinkID: the one of the handset's last MO to the app,
 * within the provider's reply window ({@link MoLinkIds}); empty otherwise.
 *
 * <p>The fields of every (rule, template) pair this provider can send are resolved here, once, at construction: a
 * SUBMIT looks them up (an array index and a binary search) and builds the record directly, without a builder or a map
 * per submit. Rules that cannot reach this provider, and rules and templates without a {@code submit} block, share
 * the provider's row.
 */
final class SubmitMapper {
    /** Registered_Delivery 1: a status report is wanted for every part. */
    static final int REGISTERED_DELIVERY = 1;

    private final String accessNumber;
    private final Map<String, String> srcIds;
    /** Template ids with a {@code submit} block, sorted: a template's column in {@link #fields} is its index + 1. */
    private final long[] templateIds;
    /** Row {@code rule + 1} ({@code 0}: no rule), column {@code 0} no template or one without a block. */
    private final SubmitDefaults[][] fields;
    private final MoLinkIds linkIds;

    /** A mapper without routing rules, templates or LinkIDs. */
    SubmitMapper(ProviderConfig provider, Map<String, String> appExtensions) {
        this(provider, appExtensions, List.of(), List.of(), new MoLinkIds(0, System::nanoTime, 1));
    }

    /**
     * @param appExtensions app key to the digits appended to the access number for that app's messages
     * @param routes        {@code routing.rules}; {@link OutboundSms#route()} indexes it
     * @param templates     the templates; {@link OutboundSms#templateId()} names one
     * @param linkIds       the provider's MO LinkIDs, shared with its {@link MoReceiver}
     */
    SubmitMapper(ProviderConfig provider, Map<String, String> appExtensions, List<RouteRule> routes,
                 List<TemplateConfig> templates, MoLinkIds linkIds) {
        this.accessNumber = provider.accessNumber();
        this.srcIds = new HashMap<>();
        appExtensions.forEach((app, extension) -> {
            String srcId = accessNumber + extension;
            if (srcId.length() > CmppSubmit.SRC_ID_LENGTH) {
                throw new IllegalArgumentException("appExtensions." + app + ": \"" + extension + "\" (expected: with "
                    + "access number " + accessNumber + " at most " + CmppSubmit.SRC_ID_LENGTH + " digits)");
            }
            srcIds.put(app, srcId);
        });
        List<TemplateConfig> overriding = templates.stream().filter(t -> !t.submit().isEmpty())
            .sorted((a, b) -> Integer.compare(a.id(), b.id())).toList();
        this.templateIds = overriding.stream().mapToLong(TemplateConfig::id).toArray();
        this.fields = resolve(provider, routes, overriding);
        this.linkIds = linkIds;
    }

    /** Every (rule, template) pair, the provider's fields first, then the rule's, then the template's. */
    private static SubmitDefaults[][] resolve(ProviderConfig provider, List<RouteRule> routes,
                                              List<TemplateConfig> templates) {
        SubmitDefaults base = provider.submit();
        SubmitDefaults[] plain = row(base, SubmitOverride.NONE, templates, provider.account());
        SubmitDefaults[][] rows = new SubmitDefaults[routes.size() + 1][];
        rows[0] = plain;
        for (int r = 0; r < routes.size(); r++) {
            RouteRule rule = routes.get(r);
            boolean own = rule.sendsOn(provider.name()) && !rule.submit().isEmpty();
            rows[r + 1] = own ? row(base, rule.submit(), templates, provider.account()) : plain;
        }
        return rows;
    }

    private static SubmitDefaults[] row(SubmitDefaults base, SubmitOverride rule, List<TemplateConfig> templates,
                                        String account) {
        SubmitDefaults routed = base.with(rule);
        SubmitDefaults[] row = new SubmitDefaults[templates.size() + 1];
        row[0] = withMsgSrc(routed, account);
        for (int t = 0; t < templates.size(); t++) {
            row[t + 1] = withMsgSrc(routed.with(templates.get(t).submit()), account);
        }
        return row;
    }

    /** Msg_src resolved once: an empty one is the account's (§7.1 field 13). */
    private static SubmitDefaults withMsgSrc(SubmitDefaults fields, String account) {
        if (!fields.msgSrc().isEmpty()) {
            return fields;
        }
        return fields.with(new SubmitOverride(null, null, null, null, null, null, null, account, null, null, null));
    }

    /** Src_Id of {@code appKey}'s messages. */
    String srcId(String appKey) {
        return srcIds.getOrDefault(appKey, accessNumber);
    }

    /** The SUBMIT fields of a message of routing rule {@code route} and template {@code templateId}. */
    SubmitDefaults fields(int route, long templateId) {
        SubmitDefaults[] row = route + 1 < fields.length ? fields[route + 1] : fields[0];
        int column = templateIds.length == 0 ? -1 : Arrays.binarySearch(templateIds, templateId);
        return row[column < 0 ? 0 : column + 1];
    }

    /** The SUBMIT of part {@code index} of {@code sms} with Sequence_Id {@code sequenceId}. */
    CmppSubmit submit(int sequenceId, OutboundSms sms, int index) {
        SubmitPart part = sms.part(index);
        SubmitDefaults f = fields(sms.route(), sms.templateId());
        return new CmppSubmit(sequenceId, MsgId.ZERO, part.pkTotal(), part.pkNumber(), REGISTERED_DELIVERY,
            f.msgLevel(), f.serviceId(), f.feeUserType(), f.feeTerminalId(), f.feeTerminalType(), f.tpPid(),
            part.tpUdhi(), part.msgFmt().code(), f.msgSrc(), f.feeType(), f.feeCode(), f.validTime(), f.atTime(),
            srcId(sms.appKey()), sms.destination(), 0, part.content(), linkIds.linkIdFor(sms.appKey(), sms.mobile()));
    }
}
