package org.cmppgw.gateway.clicks;

import org.cmppgw.gateway.config.ClicksConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the links of a message by tracking URLs (docs/api.md "Click tracking"): {@code publicBaseUrl} + a new
 * {@link ClickToken}. What counts as a link: an SMS template variable whose whole value is an http(s) URL; in an
 * email, the {@code href} of every {@code <a>} and {@code <area>} of the HTML body and every bare http(s) URL of the
 * text body. Anything else ({@code mailto:}, {@code tel:}, relative links, stylesheets, images) is left alone. A link
 * that appears twice in one message gets one token. Used only by sends that ask for tracking, so a plain send never
 * runs it. Thread-safe.
 */
public final class ClickLinks {
    /** The longest link tracked (the store's column); a longer one is left as it is. */
    public static final int MAX_URL_LENGTH = 2048;
    private static final Pattern ANCHOR = Pattern.compile("<(?:a|area)\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HREF = Pattern.compile(
        "(\\shref\\s*=\\s*)(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+))", Pattern.CASE_INSENSITIVE);
    private static final Pattern BARE_URL = Pattern.compile("(?i)\\bhttps?://[^\\s<>\"']+");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos);");
    /** Punctuation that ends a sentence rather than a bare URL. */
    private static final String TRAILING = ".,;:!?)]}";

    private final String baseUrl;
    private final int tokenBytes;
    private final SecureRandom random;

    public ClickLinks(ClicksConfig config) {
        this(config, new SecureRandom());
    }

    ClickLinks(ClicksConfig config, SecureRandom random) {
        this.baseUrl = config.publicBaseUrl();
        this.tokenBytes = config.tokenBytes();
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The rewriting of one message: its links, one token per distinct link. Not thread-safe. */
    public Message message() {
        return new Message();
    }

    /** Whether {@code value}, as a whole, is a link this tracks: an absolute http(s) URL with a host. */
    public static boolean isLink(String value) {
        if (value == null || value.length() > MAX_URL_LENGTH || value.length() < 8) {
            return false;
        }
        String head = value.substring(0, Math.min(8, value.length())).toLowerCase(Locale.ROOT);
        if (!head.startsWith("http://") && !head.startsWith("https://")) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) <= ' ') {
                return false;
            }
        }
        try {
            return new URI(value).getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The rewriting of one message's links. */
    public final class Message {
        private final Map<String, TrackedLink> byUrl = new LinkedHashMap<>(4);

        private Message() {
        }

        /** The tracking URL of {@code url}, a new token the first time this message has it. */
        String track(String url) {
            TrackedLink link = byUrl.computeIfAbsent(url,
                u -> new TrackedLink(ClickToken.random(random, tokenBytes), u));
            return baseUrl + link.token().text();
        }

        /** The links tracked so far, in the order met. */
        public List<TrackedLink> links() {
            return List.copyOf(byUrl.values());
        }

        /** The tracking URL of each link tracked so far, mapped to the link, in the order met. */
        public Map<String, String> urls() {
            Map<String, String> urls = new LinkedHashMap<>(byUrl.size() * 2);
            for (TrackedLink link : byUrl.values()) {
                urls.put(baseUrl + link.token().text(), link.url());
            }
            return urls;
        }

        /**
         * {@code text} with each stand-in tracking URL of {@code standIns} (as {@link #urls()} of another message
         * answered them) replaced by this message's own tracking URL of the same link. A text rendered with the
         * stand-ins keeps its length, so what was measured with them is what is sent. A stand-in is a random token,
         * so it cannot be met by chance in the rest of the text.
         */
        public String replace(String text, Map<String, String> standIns) {
            String out = text;
            for (Map.Entry<String, String> e : standIns.entrySet()) {
                if (out.contains(e.getKey())) { // a variable the template does not show gets no token
                    out = out.replace(e.getKey(), track(e.getValue()));
                }
            }
            return out;
        }

        /** {@code params} with every value that is a link ({@link #isLink}, after trimming) replaced. */
        public Map<String, String> params(Map<String, String> params) {
            if (params == null) {
                return null;
            }
            Map<String, String> out = new LinkedHashMap<>(params);
            for (Map.Entry<String, String> e : out.entrySet()) {
                String value = e.getValue() == null ? null : e.getValue().trim();
                if (isLink(value)) {
                    e.setValue(track(value));
                }
            }
            return out;
        }

        /** A plain-text body with every bare http(s) URL replaced; null stays null. */
        public String text(String text) {
            if (text == null) {
                return null;
            }
            Matcher m = BARE_URL.matcher(text);
            StringBuilder out = new StringBuilder(text.length() + 32);
            int last = 0;
            while (m.find()) {
                int end = m.end();
                while (end > m.start() && TRAILING.indexOf(text.charAt(end - 1)) >= 0) {
                    end--;
                }
                String url = text.substring(m.start(), end);
                if (isLink(url)) {
                    out.append(text, last, m.start()).append(track(url));
                    last = end;
                }
            }
            return out.append(text, last, text.length()).toString();
        }

        /**
         * An HTML body with the {@code href} of every {@code <a>} and {@code <area>} replaced when it is an http(s)
         * link once its character references are decoded ({@code &amp;} in a query); null stays null.
         */
        public String html(String html) {
            if (html == null) {
                return null;
            }
            Matcher tags = ANCHOR.matcher(html);
            StringBuilder out = new StringBuilder(html.length() + 64);
            int last = 0;
            while (tags.find()) {
                out.append(html, last, tags.start()).append(anchor(tags.group()));
                last = tags.end();
            }
            return out.append(html, last, html.length()).toString();
        }

        private String anchor(String tag) {
            Matcher href = HREF.matcher(tag);
            if (!href.find()) {
                return tag;
            }
            int group = href.group(2) != null ? 2 : href.group(3) != null ? 3 : 4;
            String url = decodeReferences(href.group(group).trim());
            if (!isLink(url)) {
                return tag;
            }
            // the tracking URL has no character that needs escaping in an attribute (ClicksConfig checks the base)
            return tag.substring(0, href.start(group)) + track(url) + tag.substring(href.end(group));
        }
    }

    /** Decodes the character references a link in an attribute may carry; an unknown one stays as written. */
    static String decodeReferences(String value) {
        if (value.indexOf('&') < 0) {
            return value;
        }
        Matcher m = ENTITY.matcher(value);
        StringBuilder out = new StringBuilder(value.length());
        while (m.find()) {
            String name = m.group(1);
            String replacement = switch (name) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> codePoint(name);
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String codePoint(String reference) {
        boolean hex = reference.length() > 1 && (reference.charAt(1) == 'x' || reference.charAt(1) == 'X');
        int cp = Integer.parseInt(reference.substring(hex ? 2 : 1), hex ? 16 : 10);
        return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : "&" + reference + ";";
    }
}
