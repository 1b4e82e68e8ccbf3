package org.cmppgw.simulator.ismg;

import org.cmppgw.cmpp.pdu.CmppSubmit;

import java.util.List;

/**
 * MO (uplink) traffic ({@code ismg.mo}): users replying to the account's access number plus an extension
 * (docs/cmpp-protocol.md §10.3), including unsubscribe replies ("TD") and long messages in parts (§9.3, §9.5).
 *
 * @param ratePerSecond MO messages per second (a long one counts once); 0 (default) = no MO
 * @param account       the Source_Addr whose connections receive MO; default: the first account
 * @param serviceId     Service_Id of the DELIVERs, default empty
 * @param extensions    sub-ports appended to the access number, picked at random; default {@code ["", "1234"]}
 * @param senders       user numbers the MOs come from, picked at random
 * @param texts         short texts, picked at random; "TD" (退订) is an unsubscribe request
 * @param longTexts     texts sent as long MOs split into UCS2 parts with a concatenation UDH
 * @param longShare     share of MOs taken from {@code longTexts}; default 0.05
 */
public record MoConfig(Double ratePerSecond, String account, String serviceId, List<String> extensions,
                       List<String> senders, List<String> texts, List<String> longTexts, Double longShare) {
    public static final List<String> DEFAULT_EXTENSIONS = List.of("", "1234");
    public static final List<String> DEFAULT_SENDERS = List.of("13800138000", "13900139000", "15800158000");
    public static final List<String> DEFAULT_TEXTS = List.of("好的", "收到，谢谢", "TD", "1");
    public static final List<String> DEFAULT_LONG_TEXTS = List.of(
        "您好，我昨天下午在贵公司的网上商城下了一个订单，到现在还没有收到发货通知，订单号是二零二六一一二二零零一，"
            + "麻烦帮忙查一下物流状态，如果今天不能发货请直接取消订单并退款到原支付账户，谢谢！");
    public static final double MAX_RATE = 100_000;
    /** Longest MO text: 30 UCS2 parts, far below the 255 a UDH allows. */
    public static final int MAX_TEXT_LENGTH = 2000;
    private static final String PATH = "ismg.mo.";

    public MoConfig {
        double rate = ConfigChecks.orDefault(ratePerSecond, 0.0);
        if (!(rate >= 0 && rate <= MAX_RATE)) {
            throw ConfigChecks.invalid(PATH + "ratePerSecond", rate, "0.." + (long) MAX_RATE + ", 0 = no MO");
        }
        ratePerSecond = rate;
        serviceId = ConfigChecks.orDefault(serviceId, "");
        if (serviceId.length() > CmppSubmit.SERVICE_ID_LENGTH || !serviceId.chars().allMatch(c -> c > 0 && c < 0x80)) {
            throw ConfigChecks.invalid(PATH + "serviceId", serviceId, "at most 10 ASCII characters");
        }
        extensions = ConfigChecks.nonEmptyList(PATH + "extensions", extensions, DEFAULT_EXTENSIONS);
        for (String extension : extensions) {
            ConfigChecks.digits(PATH + "extensions[]", extension, 0, CmppSubmit.SRC_ID_LENGTH);
        }
        senders = ConfigChecks.nonEmptyList(PATH + "senders", senders, DEFAULT_SENDERS);
        for (String sender : senders) {
            ConfigChecks.digits(PATH + "senders[]", sender.startsWith("+") ? sender.substring(1) : sender, 1,
                CmppSubmit.SRC_ID_LENGTH);
        }
        texts = ConfigChecks.nonEmptyList(PATH + "texts", texts, DEFAULT_TEXTS);
        longTexts = ConfigChecks.nonEmptyList(PATH + "longTexts", longTexts, DEFAULT_LONG_TEXTS);
        for (String text : texts) {
            checkText(PATH + "texts[]", text);
        }
        for (String text : longTexts) {
            checkText(PATH + "longTexts[]", text);
        }
        longShare = ConfigChecks.share(PATH + "longShare", longShare, 0.05);
    }

    public static MoConfig defaults() {
        return new MoConfig(null, null, null, null, null, null, null, null);
    }

    /** True when MO generation is on. */
    public boolean enabled() {
        return ratePerSecond > 0;
    }

    private static void checkText(String path, String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_TEXT_LENGTH) {
            throw ConfigChecks.invalid(path, text, "1.." + MAX_TEXT_LENGTH + " characters");
        }
    }
}
