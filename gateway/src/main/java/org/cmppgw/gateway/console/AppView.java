package org.cmppgw.gateway.console;

import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.config.CallbackUrl;
import org.cmppgw.gateway.model.SmsType;

import java.util.List;
import java.util.Map;

/**
 * An app as the console shows it: everything an operator needs to know about it, and by construction never its master
 * secret (it is not a component here, so no page can print it).
 *
 * @param appKey           the app's key
 * @param callbackUrls     its registered callback URLs, the default one marked
 * @param callbacksEnabled whether it is called back at all
 * @param callbackTypes    the types called back while enabled
 * @param urlCheck         what the {@code echostr} check at start does (OFF, WARN, FAIL)
 * @param allowedIps       addresses allowed to call; empty = any
 * @param defaultSignId    the signature used when a request names none; 0 = none
 * @param rateLimit        API requests per second; 0 = unlimited
 * @param sms              whether it may send SMS
 * @param globalSms        whether it may send outside the mainland
 * @param balances         its balances per type; empty when billing is off
 */
public record AppView(String appKey, List<CallbackUrl> callbackUrls, boolean callbacksEnabled,
                      List<String> callbackTypes, String urlCheck, List<String> allowedIps, int defaultSignId,
                      int rateLimit, boolean sms, boolean globalSms, Map<SmsType, Long> balances) {
    static AppView of(AppConfig app, Map<SmsType, Long> balances) {
        return new AppView(app.appKey(), app.callbackUrls(), app.callbacks().enabled(), app.callbacks().types(),
            app.callbacks().urlCheck().name(), app.allowedIps(), app.defaultSignId(), app.rateLimit(), app.sms(),
            app.globalSms(), balances);
    }
}
