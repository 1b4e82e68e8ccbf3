package org.cmppgw.gateway.callback;

import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.config.CallbackUrl;
import org.cmppgw.gateway.config.Secret;
import org.cmppgw.gateway.model.CallbackTask;
import org.cmppgw.gateway.model.CallbackType;
import org.cmppgw.gateway.model.Channel;
import org.cmppgw.gateway.model.ClickEvent;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CLICK callback's form (docs/api.md "Callbacks", "CLICK"): an SMS's msgId or a mail's emailId, the link, when. */
final class ClickCallbackFormTest {
    private static final Instant NOW = Instant.ofEpochMilli(1_700_000_000_123L);
    private static final AppConfig APP = new AppConfig("app-1", new Secret("secret-1"),
        List.of(new CallbackUrl("http://127.0.0.1:8090/cb", true)), List.of(), 0, 0);
    private final CallbackForm form = new CallbackForm(List.of(APP), JsmsReportStatus.defaults(),
        Clock.fixed(NOW, ZoneOffset.UTC), () -> 42);

    @Test
    void aClickNamesItsMessageByItsChannel() {
        ClickEvent sms = new ClickEvent(Channel.SMS, 912171048038825984L, "https://shop.example.com/o?a=1&b=2",
            Instant.ofEpochSecond(1_700_000_000L));
        ClickEvent mail = new ClickEvent(Channel.EMAIL, 5, "https://shop.example.com/x",
            Instant.ofEpochMilli(1_700_000_001_999L));

        assertThat(TestReceiver.parse(form.encode(new CallbackTask(11, "app-1", "http://127.0.0.1:8090/cb", 1,
            sms)))).containsEntry("type", "CLICK").containsEntry("data",
            "{\"msgId\":\"912171048038825984\",\"url\":\"https://shop.example.com/o?a=1&b=2\","
                + "\"clickTime\":1700000000}");
        assertThat(form.data(mail)).isEqualTo("{\"emailId\":\"5\",\"url\":\"https://shop.example.com/x\","
            + "\"clickTime\":1700000001}");
        assertThat(sms.type()).isSameAs(CallbackType.CLICK);
        assertThat(mail.channel()).as("the payload's channel, not the type's").isEqualTo(Channel.EMAIL);
        assertThat(CallbackType.of(7)).isSameAs(CallbackType.CLICK);
    }

    @Test
    void aClickNeedsItsMessageLinkAndTime() {
        assertThatThrownBy(() -> new ClickEvent(Channel.SMS, 0, "https://a.example/", NOW))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("messageId: 0");
        assertThatThrownBy(() -> new ClickEvent(Channel.SMS, 1, null, NOW)).isInstanceOf(NullPointerException.class);
    }
}
