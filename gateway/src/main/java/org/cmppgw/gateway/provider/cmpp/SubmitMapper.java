package org.cmppgw.gateway.provider.cmpp;

import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.MsgId;
import org.cmppgw.cmpp.sms.SubmitPart;
import org.cmppgw.gateway.config.ProviderConfig;
import org.cmppgw.gateway.provider.OutboundSms;

import java.util.HashMap;
import java.util.Map;

/**
 * One part of an {@link OutboundSms} as the CMPP_SUBMIT of a provider (docs/cmpp-protocol.md §7.1, §9.5): Msg_Id 0,
 * Registered_Delivery 1 on every part (each part gets its own report), Service_Id and Msg_src (the account) from the
 * provider, Src_Id = access number plus the app's extension (§10.3), fee fields at the §7.1 defaults the SP pays
 * (Fee_UserType 2, FeeType "01" free, FeeCode "000000"), no validity or schedule (ISMG defaults), no LinkID.
 * Stateless; builds the record directly, without a builder per submit.
 */
final class SubmitMapper {
    /** Fee_UserType 2: the SP pays (§7.1, the builder's default too). */
    static final int FEE_USER_TYPE_SP = 2;
    /** FeeType "01": free to the user. */
    static final String FEE_TYPE_FREE = "01";
    static final String FEE_CODE_NONE = "000000";
    /** Registered_Delivery 1: a status report is wanted for every part. */
    static final int REGISTERED_DELIVERY = 1;

    private final String serviceId;
    private final String msgSrc;
    private final String accessNumber;
    private final Map<String, String> srcIds;

    /**
     * @param appExtensions app key to the digits appended to the access number for that app's messages
     */
    SubmitMapper(ProviderConfig provider, Map<String, String> appExtensions) {
        this.serviceId = provider.serviceId();
        this.msgSrc = provider.account();
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
    }

    /** Src_Id of {@code appKey}'s messages. */
    String srcId(String appKey) {
        return srcIds.getOrDefault(appKey, accessNumber);
    }

    /** The SUBMIT of part {@code index} of {@code sms} with Sequence_Id {@code sequenceId}. */
    CmppSubmit submit(int sequenceId, OutboundSms sms, int index) {
        SubmitPart part = sms.part(index);
        return new CmppSubmit(sequenceId, MsgId.ZERO, part.pkTotal(), part.pkNumber(), REGISTERED_DELIVERY, 0,
            serviceId, FEE_USER_TYPE_SP, "", 0, 0, part.tpUdhi(), part.msgFmt().code(), msgSrc, FEE_TYPE_FREE,
            FEE_CODE_NONE, "", "", srcId(sms.appKey()), sms.destination(), 0, part.content(), "");
    }
}
