package org.cmppgw.gateway.clicks;

import org.cmppgw.cmpp.sms.Segmenter;
import org.cmppgw.cmpp.sms.SegmenterOptions;
import org.cmppgw.gateway.config.ClicksConfig;
import org.cmppgw.gateway.config.ConfigLoader;
import org.cmppgw.gateway.config.GatewayConfig;
import org.cmppgw.gateway.intake.AcceptedMessage;
import org.cmppgw.gateway.intake.AppRules;
import org.cmppgw.gateway.intake.MessageAdmission;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.intake.SendOneRequest;
import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which links are rewritten (docs/api.md "Click tracking"): SMS variables that are whole http(s) URLs, the hrefs of
 * an email's anchors with their quotes and character references, bare URLs of a text body; everything else left
 * alone; and the SMS measured and split after rewriting.
 */
final class ClickLinksTest {
    private static final String BASE = "https://t.example.com/t/";
    private static final String TRACKED = "https://t\\.example\\.com/t/[A-Za-z0-9_-]{22}";
    private final ClickLinks links = new ClickLinks(new ClicksConfig(true, BASE, "/t", 16));

    /** A send policy's SMS: rendered once with stand-ins, then each message swaps them for tokens of its own. */
    @Test
    void standInsAreReplacedByTokensOfEachMessageWithTheSameLength() {
        ClickLinks.Message standIn = links.message();
        Map<String, String> params = standIn.params(Map.of("link", "https://shop.example.com/a"));
        Map<String, String> urls = standIn.urls();
        assertThat(urls).containsOnly(Map.entry(params.get("link"), "https://shop.example.com/a"));
        String rendered = "Order: " + params.get("link") + " (" + params.get("link") + ")";

        ClickLinks.Message first = links.message();
        ClickLinks.Message second = links.message();
        String one = first.replace(rendered, urls);
        String two = second.replace(rendered, urls);
        assertThat(one).hasSameSizeAs(rendered).matches("Order: (" + TRACKED + ") \\(\\1\\)")
            .doesNotContain(params.get("link"));
        assertThat(first.links()).singleElement().satisfies(l -> assertThat(l.url())
            .isEqualTo("https://shop.example.com/a"));
        assertThat(first.links().get(0).token()).isNotEqualTo(second.links().get(0).token());
        assertThat(one).isNotEqualTo(two);
        ClickLinks.Message none = links.message();
        assertThat(none.replace("no links", urls)).isEqualTo("no links");
        assertThat(none.links()).as("a link the text does not show is not tracked").isEmpty();
    }

    @Test
    void smsVariablesThatAreWholeLinksAreReplaced() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("url", " https://shop.example.com/p?id=1&x=2 ");
        params.put("again", "https://shop.example.com/p?id=1&x=2");
        params.put("plain", "HTTP://Example.com");
        params.put("sentence", "see https://shop.example.com now");
        params.put("mail", "mailto:a@example.com");
        params.put("relative", "/p?id=1");
        params.put("ftp", "ftp://files.example.com/a");
        params.put("hostless", "https://");
        params.put("name", "Li");
        ClickLinks.Message message = links.message();

        Map<String, String> out = message.params(params);

        assertThat(out.get("url")).matches(TRACKED);
        assertThat(out.get("again")).as("one token per link of a message").isEqualTo(out.get("url"));
        assertThat(out.get("plain")).matches(TRACKED);
        assertThat(out).containsEntry("sentence", "see https://shop.example.com now")
            .containsEntry("mail", "mailto:a@example.com").containsEntry("relative", "/p?id=1")
            .containsEntry("ftp", "ftp://files.example.com/a").containsEntry("hostless", "https://")
            .containsEntry("name", "Li");
        assertThat(message.links()).extracting(TrackedLink::url)
            .containsExactly("https://shop.example.com/p?id=1&x=2", "HTTP://Example.com");
        assertThat(out.get("url")).isEqualTo(BASE + message.links().get(0).token().text());
        assertThat(params.get("url")).as("the request's map is not changed").startsWith(" https://shop");
        assertThat(links.message().params(null)).isNull();
    }

    @Test
    void anchorHrefsAreReplacedWhateverTheirQuotes() {
        ClickLinks.Message message = links.message();
        String html = "<p><a href=\"https://a.example/x?a=1&amp;b=2\">A</a>"
            + "<A class=btn HREF='http://b.example/'>B</A>"
            + "<a title=\"c\" href=https://c.example/y>C</a>"
            + "<area shape=rect href=\"https://d.example/map\">"
            + "<a href=\"mailto:x@example.com\">m</a><a href=\"#top\">t</a><a href=\"/relative\">r</a>"
            + "<a data-href=\"https://e.example/\">no href</a><a href=\"&#104;ttps://f.example/\">f</a>"
            + "<link rel=stylesheet href=\"https://cdn.example/s.css\"><img src=\"https://img.example/i.png\">"
            + "text https://g.example/ in HTML is not an anchor</p>";

        String out = message.html(html);

        List<TrackedLink> tracked = message.links();
        assertThat(tracked).extracting(TrackedLink::url).containsExactly("https://a.example/x?a=1&b=2",
            "http://b.example/", "https://c.example/y", "https://d.example/map", "https://f.example/");
        assertThat(out).contains("<a href=\"" + BASE + tracked.get(0).token().text() + "\">A</a>")
            .contains("<A class=btn HREF='" + BASE + tracked.get(1).token().text() + "'>B</A>")
            .contains("<a title=\"c\" href=" + BASE + tracked.get(2).token().text() + ">C</a>")
            .contains("<area shape=rect href=\"" + BASE + tracked.get(3).token().text() + "\">")
            .contains("<a href=\"mailto:x@example.com\">", "<a href=\"#top\">", "<a href=\"/relative\">",
                "<a data-href=\"https://e.example/\">", "href=\"https://cdn.example/s.css\"",
                "src=\"https://img.example/i.png\"", "text https://g.example/ in HTML")
            .doesNotContain("a.example", "b.example", "c.example", "d.example", "f.example");
        assertThat(message.html(null)).isNull();
    }

    @Test
    void bareUrlsOfATextBodyAreReplacedWithoutTheirSentencePunctuation() {
        ClickLinks.Message message = links.message();
        String text = "Visit https://a.example/x?y=1, or (http://b.example/p). Again: https://a.example/x?y=1!\n"
            + "Mail mailto:z@example.com, ftp://f.example/ stays.";

        String out = message.text(text);

        assertThat(message.links()).extracting(TrackedLink::url)
            .containsExactly("https://a.example/x?y=1", "http://b.example/p");
        String a = BASE + message.links().get(0).token().text();
        String b = BASE + message.links().get(1).token().text();
        assertThat(out).isEqualTo("Visit " + a + ", or (" + b + "). Again: " + a + "!\n"
            + "Mail mailto:z@example.com, ftp://f.example/ stays.");
        assertThat(links.message().text("no links here")).isEqualTo("no links here");
        assertThat(message.text(null)).isNull();
    }

    @Test
    void characterReferencesAreDecodedOnlyWhenKnown() {
        assertThat(ClickLinks.decodeReferences("a&amp;b&lt;&gt;&quot;&apos;&#65;&#x42;&unknown;&#99999999;"))
            .isEqualTo("a&b<>\"'AB&unknown;&#99999999;");
    }

    @Test
    void linksTooLongForTheStoreAreLeftAlone() {
        String longUrl = "https://a.example/" + "x".repeat(ClickLinks.MAX_URL_LENGTH);
        assertThat(ClickLinks.isLink(longUrl)).isFalse();
        assertThat(links.message().params(Map.of("u", longUrl))).containsEntry("u", longUrl);
    }

    @Test
    void theSmsIsMeasuredAndSplitAfterItsLinkIsReplaced() {
        GatewayConfig config = new ConfigLoader(Map.of()).parse(String.join("\n",
            "apps: [{appKey: a, masterSecret: s, callbackUrls: [{url: 'http://127.0.0.1:9/cb', default: true}],"
                + " defaultSignId: 1}]",
            "signatures: [{id: 1, text: CMPPGW}]",
            "templates: [{id: 1, content: 'Order: {{url}}'}]",
            "providers: [{name: cn, host: 127.0.0.1, port: 7890, account: '901234', password: pw,"
                + " accessNumber: '1069'}]",
            ""), List.of());
        MessageAdmission admission = new MessageAdmission(config.templates(), config.signatures(),
            new MutableClock(Instant.parse("2026-01-02T03:04:05Z")));
        AppRules app = new AppRules(config.app("a").orElseThrow(), () -> 0L);
        String longUrl = "https://shop.example.com/campaign?" + "utm=spring&".repeat(45) + "id=1";
        ClickLinks.Message message = links.message();
        SendOneRequest request = new SendOneRequest("13800138000", 1L, Map.of("url", longUrl), null, null, true);

        Outcome<AcceptedMessage> plain = admission.admitOne(app, request);
        Outcome<AcceptedMessage> tracked = admission.admitOne(app,
            request.withTempPara(message.params(request.tempPara())));

        assertThat(plain.isOk()).as("over 500 characters as sent").isFalse();
        assertThat(plain.error().code()).isEqualTo(50038);
        assertThat(tracked.isOk()).isTrue();
        String content = tracked.value().content();
        assertThat(content).isEqualTo("【CMPPGW】Order: " + BASE + message.links().get(0).token().text());
        assertThat(content).hasSize(8 + 7 + BASE.length() + 22);
        Segmenter segmenter = new Segmenter(SegmenterOptions.defaults());
        assertThat(segmenter.split(content)).as("61 UCS-2 characters: one part").hasSize(1);
        assertThat(segmenter.split("【CMPPGW】Order: " + longUrl)).hasSizeGreaterThan(7);
    }
}
