package org.cmppgw.gateway.config;

import io.netty.util.NetUtil;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One entry of {@code apps}: a business service allowed to call the API (JSMS app, docs/design.md §4). Requests
 * authenticate with {@code Basic base64(appKey:masterSecret)}.
 *
 * @param appKey        the app's key (no {@code :}, it separates key and secret in Basic auth)
 * @param masterSecret  the app's secret (masked in {@code toString}); also signs its callbacks
 * @param callbackUrls  1–5 registered callback URLs, exactly one with {@code default: true}
 * @param allowedIps    client addresses allowed to call, as IPs or CIDR blocks; empty = any
 * @param defaultSignId signature used when a request has no {@code sign_id}; 0 = requests must name one
 * @param rateLimit     API requests per second (a batch counts once); 0 = unlimited (429/50019 when exceeded)
 * @param extension     digits appended to every provider's access number for this app: its SMS go out with Src_Id
 *                      access number + extension, and an MO sent to that number comes back to it (docs/cmpp-protocol.md
 *                      §10.3); empty = the bare access number. Unique across apps, and every provider's access
 *                      number + extension must fit Src_Id (checked with the providers)
 * @param sms           whether the app may send SMS at all; false = every send is 50008 (service not activated)
 * @param callbacks     callbacks on or off, the types called back, the URL check at start (docs/api.md "Callback
 *                      settings")
 * @param globalSms     whether the app may send to numbers outside the mainland (docs/api.md "Global SMS");
 *                      false = such numbers are 50006
 */
public record AppConfig(String appKey, Secret masterSecret, List<CallbackUrl> callbackUrls, List<String> allowedIps,
                        int defaultSignId, int rateLimit, String extension, boolean sms, AppCallbacks callbacks,
                        boolean globalSms) {
    /** JSMS: up to 5 callback URLs per app. */
    public static final int MAX_CALLBACK_URLS = 5;
    /** Src_Id is 21 octets (docs/cmpp-protocol.md §7.1) and the access number takes at least one. */
    public static final int MAX_EXTENSION_LENGTH = ProviderConfig.ACCESS_NUMBER_LENGTH - 1;

    public AppConfig {
        ConfigChecks.text("appKey", appKey);
        if (appKey.indexOf(':') >= 0 || !appKey.strip().equals(appKey)) {
            throw new IllegalArgumentException(
                "appKey: \"" + appKey + "\" (expected: no ':' and no surrounding spaces)");
        }
        ConfigChecks.present("masterSecret", masterSecret, "the app's secret");
        if (masterSecret.isEmpty()) {
            throw new IllegalArgumentException("masterSecret: \"\" (expected: a non-empty secret)");
        }
        callbackUrls = ConfigChecks.list("callbackUrls", callbackUrls);
        checkCallbacks(callbackUrls);
        allowedIps = ConfigChecks.list("allowedIps", allowedIps);
        for (int i = 0; i < allowedIps.size(); i++) {
            checkIpOrCidr("allowedIps[" + i + "]", allowedIps.get(i));
        }
        ConfigChecks.atLeast("defaultSignId", defaultSignId, 0);
        ConfigChecks.atLeast("rateLimit", rateLimit, 0);
        extension = ConfigChecks.optionalText(extension);
        if (!extension.chars().allMatch(c -> c >= '0' && c <= '9') || extension.length() > MAX_EXTENSION_LENGTH) {
            throw new IllegalArgumentException("extension: \"" + extension + "\" (expected: \"\" or 1.."
                + MAX_EXTENSION_LENGTH + " digits)");
        }
        ConfigChecks.present("callbacks", callbacks, "callback settings");
    }

    /** An app with SMS activated, every callback on ({@link AppCallbacks#ALL}), limited to mainland numbers. */
    public AppConfig(String appKey, Secret masterSecret, List<CallbackUrl> callbackUrls, List<String> allowedIps,
                     int defaultSignId, int rateLimit, String extension) {
        this(appKey, masterSecret, callbackUrls, allowedIps, defaultSignId, rateLimit, extension, AppCallbacks.ALL);
    }

    /** An app with SMS activated, limited to mainland numbers. */
    public AppConfig(String appKey, Secret masterSecret, List<CallbackUrl> callbackUrls, List<String> allowedIps,
                     int defaultSignId, int rateLimit, String extension, AppCallbacks callbacks) {
        this(appKey, masterSecret, callbackUrls, allowedIps, defaultSignId, rateLimit, extension, true, callbacks,
            false);
    }

    /** An app without an extension: it sends from the bare access number. */
    public AppConfig(String appKey, Secret masterSecret, List<CallbackUrl> callbackUrls, List<String> allowedIps,
                     int defaultSignId, int rateLimit) {
        this(appKey, masterSecret, callbackUrls, allowedIps, defaultSignId, rateLimit, "");
    }

    /** Whether this app has its own extension of the access number. */
    public boolean hasExtension() {
        return !extension.isEmpty();
    }

    private static void checkCallbacks(List<CallbackUrl> urls) {
        if (urls.isEmpty() || urls.size() > MAX_CALLBACK_URLS) {
            throw new IllegalArgumentException("callbackUrls: " + urls.size() + " URLs (expected: 1.."
                + MAX_CALLBACK_URLS + ")");
        }
        Set<String> seen = new HashSet<>();
        int defaults = 0;
        for (int i = 0; i < urls.size(); i++) {
            if (!seen.add(urls.get(i).url())) {
                throw new IllegalArgumentException("callbackUrls[" + i + "].url: \"" + urls.get(i).url()
                    + "\" (expected: each URL once)");
            }
            defaults += urls.get(i).isDefault() ? 1 : 0;
        }
        if (defaults != 1) {
            throw new IllegalArgumentException("callbackUrls: " + defaults
                + " marked default (expected: exactly one URL with default: true)");
        }
    }

    /** Accepts {@code 10.1.2.3}, {@code ::1}, {@code 10.0.0.0/8} or {@code fd00::/8}; never resolves host names. */
    static void checkIpOrCidr(String name, String value) {
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        boolean ok = bytes != null;
        if (ok && slash >= 0) {
            String bits = value.substring(slash + 1);
            ok = !bits.isEmpty() && bits.length() <= 3 && bits.chars().allMatch(Character::isDigit)
                && Integer.parseInt(bits) <= bytes.length * 8;
        }
        if (!ok) {
            throw new IllegalArgumentException(
                name + ": \"" + value + "\" (expected: an IP address or CIDR block such as 10.0.0.0/8)");
        }
    }

    /** The callback URL used when a request names none. */
    public String defaultCallbackUrl() {
        for (CallbackUrl url : callbackUrls) {
            if (url.isDefault()) {
                return url.url();
            }
        }
        throw new IllegalStateException("app=" + appKey + " - no default callback URL");
    }
}
