package org.cmppgw.gateway.console;

import org.cmppgw.gateway.config.BalanceAlertConfig;
import org.cmppgw.gateway.model.SmsType;
import org.cmppgw.gateway.persistence.BalanceStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The balance alert form of an app's console page (docs/api.md "Balance alerts"): the fields as typed, and after a
 * refused save the reason next to each field that caused it, checked with the bounds of {@code billing.alerts}.
 *
 * @param mobiles  the contact mobiles, one a line (commas and spaces also separate them)
 * @param industry the industry threshold as typed; empty = 0
 * @param market   the marketing threshold as typed
 * @param voice    the voice threshold as typed
 * @param errors   per field name, why it was refused; empty when the form is fine
 * @param saved    who saved the settings shown and when; empty when none are stored
 */
public record AlertForm(String mobiles, String industry, String market, String voice, Map<String, String> errors,
                        String saved) {
    public AlertForm {
        errors = Map.copyOf(errors);
    }

    /** The form showing {@code setting}, or an empty one. */
    static AlertForm of(BalanceStore.AlertSetting setting) {
        if (setting == null) {
            return new AlertForm("", "0", "0", "0", Map.of(), "");
        }
        String by = setting.updatedBy().isEmpty() ? "from the configuration (billing.alerts)"
            : "by " + setting.updatedBy();
        return new AlertForm(String.join("\n", setting.mobiles()), Long.toString(setting.industry()),
            Long.toString(setting.market()), Long.toString(setting.voice()), Map.of(),
            "Saved " + by + " at " + Instant.ofEpochMilli(setting.updatedAtMillis()) + ".");
    }

    /** The form as posted, not checked yet. */
    static AlertForm posted(String mobiles, String industry, String market, String voice) {
        return new AlertForm(text(mobiles), text(industry), text(market), text(voice), Map.of(), "");
    }

    /** The reason {@code field} was refused, or "". */
    public String error(String field) {
        return errors.getOrDefault(field, "");
    }

    /** This form with the reason each field was refused; the same form when every field is fine. */
    AlertForm checked() {
        Map<String, String> found = new LinkedHashMap<>();
        try {
            BalanceAlertConfig.checkMobiles(mobileList());
        } catch (IllegalArgumentException e) {
            found.put("mobiles", e.getMessage());
        }
        threshold(found, SmsType.INDUSTRY, industry);
        threshold(found, SmsType.MARKET, market);
        threshold(found, SmsType.VOICE, voice);
        return new AlertForm(mobiles, industry, market, voice, found, saved);
    }

    /** The settings of {@code appKey}; only for a form whose {@link #checked()} copy has no errors. */
    BalanceAlertConfig setting(String appKey) {
        return new BalanceAlertConfig(appKey, mobileList(), parts(industry), parts(market), parts(voice));
    }

    private List<String> mobileList() {
        List<String> out = new ArrayList<>();
        for (String mobile : mobiles.split("[\\s,]+")) {
            if (!mobile.isEmpty()) {
                out.add(mobile);
            }
        }
        return out;
    }

    private static void threshold(Map<String, String> errors, SmsType type, String text) {
        long value = parts(text);
        if (value < 0) {
            errors.put(type.label(), type.label() + ": " + text + " (expected: a whole number of parts)");
            return;
        }
        try {
            BalanceAlertConfig.checkThreshold(type.label(), value);
        } catch (IllegalArgumentException e) {
            errors.put(type.label(), e.getMessage());
        }
    }

    /** The number typed, 0 when empty, -1 when it is not a whole number of parts. */
    private static long parts(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9') || text.length() > 18) {
            return -1;
        }
        return Long.parseLong(text);
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }
}
