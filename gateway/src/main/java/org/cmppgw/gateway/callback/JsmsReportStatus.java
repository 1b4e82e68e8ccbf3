package org.cmppgw.gateway.callback;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the Stat that decided a message (a carrier Stat, docs/cmpp-protocol.md §10.1, or a gateway stat such as
 * {@code SR:0013}) to the JSMS {@code status} code of its SMS_REPORT callback (docs/api.md, "Callbacks"). The raw Stat
 * travels in the callback's {@code stat} field as well, so an app that knows its carriers can refine what this table
 * says.
 *
 * <p>Lookup: the exact Stat first (trimmed of spaces and NULs, upper case), then its two-letter family
 * ({@code "CB:"}), then {@value #OTHER}. The {@code MK:}/{@code MI:}/{@code MN:} families carry the GSM MAP error of
 * the SMSC's delivery attempt (3GPP TS 29.002) in their four digits, which is how carrier error tables read them.
 * <table>
 *   <caption>defaults</caption>
 *   <tr><th>Stat</th><th>status</th><th>why</th></tr>
 *   <tr><td>DELIVRD</td><td>4001</td><td>delivered (§10.1)</td></tr>
 *   <tr><td>EXPIRED</td><td>4003</td><td>validity ran out: handset off or out of coverage (§10.1)</td></tr>
 *   <tr><td>UNDELIV</td><td>4003</td><td>carriers use it for suspended or barred handsets (停机), the common
 *       case</td></tr>
 *   <tr><td>MK:/MI:/MN: 0001, 0005</td><td>4004</td><td>MAP unknown / unidentified subscriber: empty number</td></tr>
 *   <tr><td>MK:/MI:/MN: 0006, 0027, 0029</td><td>4003</td><td>MAP absent subscriber: handset off</td></tr>
 *   <tr><td>MK:/MI:/MN: 0011, 0013</td><td>4003</td><td>MAP teleservice not provisioned / call barred: out of
 *       service</td></tr>
 *   <tr><td>MK:/MI:/MN: 0031, 0032, 0033</td><td>4003</td><td>MAP subscriber busy / delivery failure / memory full:
 *       the handset cannot take it</td></tr>
 *   <tr><td>CB:xxxx</td><td>4005</td><td>the prepaid charging platform (SCP) refused: no balance (§10.1)</td></tr>
 *   <tr><td>SR:0008</td><td>4006</td><td>the gateway gave up on SUBMIT_RESP Result 8, flow control (§11.2)</td></tr>
 *   <tr><td>SR:0013</td><td>4004</td><td>SUBMIT_RESP Result 13, Dest_terminal_Id error: no such number (§11.2)</td>
 *   </tr>
 *   <tr><td>anything else (REJECTD, DELETED, UNKNOWN, MA:/MB:/MC:, DB:, vendor codes)</td><td>4100</td>
 *       <td>other: the raw Stat says more</td></tr>
 * </table>
 * No code maps to 4002 (carrier blacklist) by default: blacklist codes differ per carrier and vendor (MA:0001 means
 * "blacklisted" at some resellers and "SMSC did not answer" in the spec); add them with {@link #withOverrides}.
 *
 * <p>The gateway configuration has no section for overrides yet; {@link #withOverrides} is the seam for one.
 * Immutable and thread-safe.
 */
public final class JsmsReportStatus {
    /** 4001: delivered. */
    public static final int DELIVERED = 4001;
    /** 4002: carrier blacklist. */
    public static final int BLACKLIST = 4002;
    /** 4003: handset off or out of service. */
    public static final int HANDSET_OFF = 4003;
    /** 4004: empty (nonexistent) number. */
    public static final int EMPTY_NUMBER = 4004;
    /** 4005: no balance. */
    public static final int NO_BALANCE = 4005;
    /** 4006: over frequency. */
    public static final int OVER_FREQUENCY = 4006;
    /** 4100: any other failure. */
    public static final int OTHER = 4100;

    /** A Stat family key: two letters and a colon, as in the spec's {@code MA:xxxx}. */
    private static final int FAMILY_LENGTH = 3;
    private static final JsmsReportStatus DEFAULTS = new JsmsReportStatus(defaultTable());

    private final Map<String, Integer> table;

    private JsmsReportStatus(Map<String, Integer> table) {
        this.table = Map.copyOf(table);
    }

    /** The table above. */
    public static JsmsReportStatus defaults() {
        return DEFAULTS;
    }

    /**
     * The table above with {@code overrides} on top.
     *
     * @param overrides exact Stats ({@code "MA:0001"}) or families ({@code "HD:"}) to a JSMS status code; exact
     *                  entries win over families
     */
    public JsmsReportStatus withOverrides(Map<String, Integer> overrides) {
        Map<String, Integer> merged = new HashMap<>(table);
        overrides.forEach((stat, status) -> merged.put(key(stat), checkStatus(stat, status)));
        return new JsmsReportStatus(merged);
    }

    /** The JSMS status for {@code stat}; never fails, unknown Stats are {@value #OTHER}. */
    public int statusOf(String stat) {
        String key = key(stat);
        Integer status = table.get(key);
        if (status == null && key.length() > FAMILY_LENGTH && key.charAt(FAMILY_LENGTH - 1) == ':') {
            status = table.get(key.substring(0, FAMILY_LENGTH));
        }
        return status == null ? OTHER : status;
    }

    private static String key(String stat) {
        int end = stat.length();
        while (end > 0 && (stat.charAt(end - 1) == '\0' || stat.charAt(end - 1) == ' ')) {
            end--;
        }
        return stat.substring(0, end).strip().toUpperCase(Locale.ROOT);
    }

    private static int checkStatus(String stat, Integer status) {
        if (status == null || (status < DELIVERED || status > OVER_FREQUENCY) && status != OTHER) {
            throw new IllegalArgumentException("status of " + stat + ": " + status
                + " (expected: 4001..4006 or 4100)");
        }
        return status;
    }

    private static Map<String, Integer> defaultTable() {
        Map<String, Integer> t = new HashMap<>();
        t.put("DELIVRD", DELIVERED);
        t.put("EXPIRED", HANDSET_OFF);
        t.put("UNDELIV", HANDSET_OFF);
        for (String family : new String[] {"MK:", "MI:", "MN:"}) {
            for (String code : new String[] {"0001", "0005"}) {
                t.put(family + code, EMPTY_NUMBER);
            }
            for (String code : new String[] {"0006", "0011", "0013", "0027", "0029", "0031", "0032", "0033"}) {
                t.put(family + code, HANDSET_OFF);
            }
        }
        t.put("CB:", NO_BALANCE);
        t.put("SR:0008", OVER_FREQUENCY);
        t.put("SR:0013", EMPTY_NUMBER);
        return t;
    }
}
