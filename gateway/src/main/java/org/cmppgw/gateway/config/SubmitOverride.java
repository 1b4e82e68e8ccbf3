package org.cmppgw.gateway.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.cmppgw.cmpp.CmppVersion;

/**
 * A partial {@code submit} block on a routing rule or a template: each key given replaces the provider's
 * ({@link SubmitDefaults}, docs/cmpp-protocol.md §7.1); a template's beats a route's, which beats the provider's. An
 * absent key (null here) keeps what the level below has. The keys and checks are the provider's, except
 * {@code linkIdReplyWindow}, which belongs to the provider alone.
 */
public record SubmitOverride(String serviceId, Integer feeUserType, String feeTerminalId, Integer feeTerminalType,
                             @JsonDeserialize(using = ConfigDeserializers.QuotedText.class) String feeType,
                             @JsonDeserialize(using = ConfigDeserializers.QuotedText.class) String feeCode,
                             Integer msgLevel, String msgSrc, String validTime, String atTime, Integer tpPid) {
    /** Overrides nothing. */
    public static final SubmitOverride NONE = new SubmitOverride(null, null, null, null, null, null, null, null, null,
        null, null);

    public SubmitOverride {
        if (serviceId != null) {
            SubmitFieldChecks.serviceId("serviceId", serviceId);
        }
        if (feeUserType != null) {
            ConfigChecks.range("feeUserType", feeUserType, 0, SubmitFieldChecks.MAX_FEE_USER_TYPE);
        }
        if (feeTerminalId != null) {
            SubmitFieldChecks.feeTerminalId("feeTerminalId", feeTerminalId);
        }
        if (feeTerminalType != null) {
            ConfigChecks.range("feeTerminalType", feeTerminalType, 0, SubmitFieldChecks.MAX_FEE_TERMINAL_TYPE);
        }
        if (feeType != null) {
            SubmitFieldChecks.feeType("feeType", feeType);
        }
        if (feeCode != null) {
            SubmitFieldChecks.feeCode("feeCode", feeCode);
        }
        if (msgLevel != null) {
            ConfigChecks.range("msgLevel", msgLevel, 0, SubmitFieldChecks.MAX_MSG_LEVEL);
        }
        if (msgSrc != null) {
            SubmitFieldChecks.msgSrc("msgSrc", msgSrc);
        }
        if (validTime != null) {
            SubmitFieldChecks.time("validTime", validTime);
        }
        if (atTime != null) {
            SubmitFieldChecks.time("atTime", atTime);
        }
        if (tpPid != null) {
            ConfigChecks.range("tpPid", tpPid, 0, SubmitFieldChecks.MAX_TP_PID);
        }
    }

    /** Whether no key is given. */
    public boolean isEmpty() {
        return equals(NONE);
    }

    /**
     * The check of the fields that differ between versions, for a provider this block may be sent with.
     *
     * @param path     the block's path from the file's root ({@code routing.rules[0].submit})
     * @param provider that provider's name
     */
    void fitVersion(String path, CmppVersion version, String provider) {
        SubmitFieldChecks.fitVersion(path + ".", version, ", provider \"" + provider + "\"", feeTerminalId,
            feeTerminalType, feeType, null);
    }
}
