package org.cmppgw.gateway.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.cmppgw.cmpp.CmppVersion;

import java.time.Duration;

/**
 * {@code providers[].submit}: the CMPP_SUBMIT fields a carrier account checks (charging, service, priority, timing),
 * sent on every SUBMIT of the provider unless a route or a template overrides them ({@link SubmitOverride};
 * docs/cmpp-protocol.md §7.1). Each value is checked here with the widest width; {@link ProviderConfig} checks it
 * against its version.
 *
 * @param serviceId         Service_Id, at most 10 characters
 * @param feeUserType       Fee_UserType: 0 destination, 1 source, 2 SP, 3 {@code feeTerminalId} pays
 * @param feeTerminalId     Fee_terminal_Id, the number charged with Fee_UserType 3: at most 21 (2.0) / 32 (3.0)
 * @param feeTerminalType   Fee_terminal_type, 3.0 only: 0 real number, 1 pseudo number
 * @param feeType           FeeType "01".."03", on 2.0 also "04", "05"
 * @param feeCode           FeeCode, the price in fen, 1..6 digits
 * @param msgLevel          Msg_level 0..9
 * @param msgSrc            Msg_src, at most 6 characters; empty = the provider's account
 * @param validTime         ValId_Time in the §7.1 time format; empty = the ISMG's default
 * @param atTime            At_Time in the §7.1 time format; empty = now
 * @param tpPid             TP_pId 0..255 (§9.2)
 * @param linkIdReplyWindow how long a 3.0 MO's LinkID is copied into SUBMITs of the app it reached to the handset it
 *                          came from; 0 = never (and always on 2.0, which has no LinkID)
 */
public record SubmitDefaults(String serviceId, int feeUserType, String feeTerminalId, int feeTerminalType,
                             @JsonDeserialize(using = ConfigDeserializers.QuotedText.class) String feeType,
                             @JsonDeserialize(using = ConfigDeserializers.QuotedText.class) String feeCode,
                             int msgLevel, String msgSrc, String validTime, String atTime, int tpPid,
                             Duration linkIdReplyWindow) {
    /** What a provider without a {@code submit} block sends: the SP pays, free, no validity or schedule. */
    public static final SubmitDefaults NONE = new SubmitDefaults("", 2, "", 0, "01", "000000", 0, "", "", "", 0,
        Duration.ZERO);

    public SubmitDefaults {
        serviceId = SubmitFieldChecks.serviceId("serviceId", ConfigChecks.optionalText(serviceId));
        ConfigChecks.range("feeUserType", feeUserType, 0, SubmitFieldChecks.MAX_FEE_USER_TYPE);
        feeTerminalId = SubmitFieldChecks.feeTerminalId("feeTerminalId", ConfigChecks.optionalText(feeTerminalId));
        ConfigChecks.range("feeTerminalType", feeTerminalType, 0, SubmitFieldChecks.MAX_FEE_TERMINAL_TYPE);
        SubmitFieldChecks.feeType("feeType", ConfigChecks.present("feeType", feeType, "\"01\"..\"05\""));
        SubmitFieldChecks.feeCode("feeCode", ConfigChecks.present("feeCode", feeCode, "1..6 digits"));
        ConfigChecks.range("msgLevel", msgLevel, 0, SubmitFieldChecks.MAX_MSG_LEVEL);
        msgSrc = SubmitFieldChecks.msgSrc("msgSrc", ConfigChecks.optionalText(msgSrc));
        validTime = SubmitFieldChecks.time("validTime", ConfigChecks.optionalText(validTime));
        atTime = SubmitFieldChecks.time("atTime", ConfigChecks.optionalText(atTime));
        ConfigChecks.range("tpPid", tpPid, 0, SubmitFieldChecks.MAX_TP_PID);
        ConfigChecks.notNegative("linkIdReplyWindow", linkIdReplyWindow);
    }

    /** Only Service_Id set, the rest as {@link #NONE}: the block an old {@code providers[].serviceId} stands for. */
    public static SubmitDefaults ofServiceId(String serviceId) {
        return NONE.with(new SubmitOverride(serviceId, null, null, null, null, null, null, null, null, null, null));
    }

    /** These fields with those {@code override} sets replaced; the reply window stays (it is the provider's). */
    public SubmitDefaults with(SubmitOverride override) {
        if (override.isEmpty()) {
            return this;
        }
        return new SubmitDefaults(or(override.serviceId(), serviceId), or(override.feeUserType(), feeUserType),
            or(override.feeTerminalId(), feeTerminalId), or(override.feeTerminalType(), feeTerminalType),
            or(override.feeType(), feeType), or(override.feeCode(), feeCode), or(override.msgLevel(), msgLevel),
            or(override.msgSrc(), msgSrc), or(override.validTime(), validTime), or(override.atTime(), atTime),
            or(override.tpPid(), tpPid), linkIdReplyWindow);
    }

    /** Msg_src as sent: {@code account} when none is set. */
    public String msgSrcOr(String account) {
        return msgSrc.isEmpty() ? account : msgSrc;
    }

    /** The check of the fields that differ between versions; messages start with {@code submit.}. */
    void fitVersion(CmppVersion version) {
        SubmitFieldChecks.fitVersion("submit.", version, "", feeTerminalId, feeTerminalType, feeType,
            linkIdReplyWindow);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static int or(Integer value, int fallback) {
        return value != null ? value : fallback;
    }
}
