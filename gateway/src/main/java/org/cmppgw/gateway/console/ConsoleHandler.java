package org.cmppgw.gateway.console;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import org.cmppgw.gateway.api.OperatorLogin;
import org.cmppgw.gateway.catalog.CatalogStore;
import org.cmppgw.gateway.console.pages.JteloginGenerated;
import org.cmppgw.gateway.model.ReviewStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;

/**
 * The console's HTTP side on the management listener (docs/operations.md "Console"): requests under
 * {@code /console} are answered here, everything else goes on to the management handler. Nothing but the login
 * page and the static assets is served without a session: a page redirects to the login, an action answers 401.
 * Every POST carries the session's CSRF token (the login form a token of its own, bound to a cookie); without it the
 * answer is 403. The session cookie is HttpOnly, SameSite=Strict, and Secure when the listener speaks TLS.
 */
@ChannelHandler.Sharable
public final class ConsoleHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleHandler.class);
    static final String PREFIX = "/console";
    static final String SESSION_COOKIE = "console_session";
    static final String LOGIN_COOKIE = "console_login";
    private static final String SECURITY_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline';"
        + " img-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private final ConsoleServices services;
    private final ConsoleSessions sessions;
    private final ConsolePages pages;
    private final ConsoleAssets assets;
    private final StatsPages stats;
    private final TestSendPages testSends;
    private final SchedulePages schedules;
    private final BalancePages balances;
    private final UserPages users;
    private final boolean tls;

    /**
     * @param tls the listener speaks TLS: cookies are marked Secure
     */
    public ConsoleHandler(ConsoleServices services, boolean tls, LongSupplier nanoClock) {
        this.services = services;
        this.sessions = new ConsoleSessions(services.config().console().sessionTimeout(), nanoClock);
        this.pages = new ConsolePages(services, nanoClock);
        this.assets = new ConsoleAssets();
        this.stats = new StatsPages(services, services.clock());
        this.testSends = new TestSendPages(services);
        this.schedules = new SchedulePages(services);
        this.balances = new BalancePages(services);
        this.users = new UserPages(services);
        this.tls = tls;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || !isConsole(request.uri())) {
            ctx.fireChannelRead(msg);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        CompletableFuture<ConsoleReply> reply;
        try {
            reply = answer(ConsoleRequest.of(request, ctx.channel().remoteAddress()));
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        } finally {
            ReferenceCountUtil.release(msg);
        }
        reply.whenComplete((r, e) -> {
            ConsoleReply done = r;
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof IllegalArgumentException) { // a malformed query string, form or cookie
                done = ConsoleReply.text(HttpResponseStatus.BAD_REQUEST, "bad request: " + cause.getMessage());
            } else if (cause != null) {
                LOG.warn("console - {}", cause.toString());
                done = ConsoleReply.text(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "the store is busy or down, try again");
            }
            write(ctx, done, keepAlive);
        });
    }

    private static boolean isConsole(String uri) {
        return uri.equals(PREFIX) || uri.startsWith(PREFIX + "/") || uri.startsWith(PREFIX + "?");
    }

    private CompletableFuture<ConsoleReply> answer(ConsoleRequest request) {
        String path = request.path();
        if (path.startsWith(PREFIX + "/assets/")) {
            return done(assets.get(request.method(), path.substring((PREFIX + "/assets/").length())));
        }
        if (path.equals(PREFIX + "/login")) {
            return done(login(request));
        }
        ConsoleSessions.Session session = sessions.find(request.cookie(SESSION_COOKIE));
        boolean get = HttpMethod.GET.equals(request.method()) || HttpMethod.HEAD.equals(request.method());
        if (session == null) {
            return done(get ? ConsoleReply.redirect(PREFIX + "/login")
                : ConsoleReply.text(HttpResponseStatus.UNAUTHORIZED, "not logged in"));
        }
        if (!get) {
            if (!HttpMethod.POST.equals(request.method())) {
                return done(ConsoleReply.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET or POST"));
            }
            if (!ConsoleSessions.sameToken(session.csrf(), request.field("csrf"))) {
                return done(ConsoleReply.text(HttpResponseStatus.FORBIDDEN, "missing or wrong CSRF token"));
            }
        }
        return route(request, session, get);
    }

    private CompletableFuture<ConsoleReply> route(ConsoleRequest request, ConsoleSessions.Session session,
                                                  boolean get) {
        List<String> parts = request.segments();
        String section = parts.size() > 1 ? parts.get(1) : "";
        Frame frame = new Frame(title(section), section, session.operator(), session.csrf());
        if (!get) {
            return post(request, frame, parts);
        }
        return switch (section) {
            case "" -> done(ConsoleReply.redirect(PREFIX + "/apps"));
            case "apps" -> parts.size() == 2 ? pages.apps(frame) : balances.app(frame, parts.get(2),
                ConsoleRequest.positive(request.param("page")),
                "alerts".equals(request.param("done")) ? "Saved the balance alerts." : "");
            case "templates" -> parts.size() == 2 ? pages.templates(frame, status(request), notice(request), "")
                : done(testSends.template(frame, ConsoleRequest.positive(parts.get(2)), sendForm(request.query()),
                    request.param("preview") != null));
            case "signatures" -> pages.signatures(frame, status(request), notice(request), "");
            case "messages" -> parts.size() == 2 ? messages(request, frame) : message(frame, parts.get(2));
            case "channels" -> done(parts.size() == 2 ? pages.channels(frame) : pages.channelsTable());
            case "stats" -> parts.size() == 2 ? stats.page(frame, request)
                : "data".equals(parts.get(2)) && parts.size() == 3 ? stats.data(request) : done(notFound(request));
            case "send" -> done(testSends.form(frame, sendForm(request.query()),
                ConsoleRequest.positive(request.param("msg_id"))));
            case "schedules" -> !schedules.served() ? done(notFound(request)) : parts.size() == 2
                ? schedules.list(frame, request.param("app"), request.param("status"),
                    ConsoleRequest.positive(request.param("before")))
                : schedules.view(frame, parts.get(2), "cancelled".equals(request.param("done"))
                    ? "Cancelled: it will not be sent." : "");
            case "balances" -> balances.page(frame, ConsoleRequest.positive(request.param("page")),
                BalancePages.notice(request.param("done")));
            case "users" -> !users.served() ? done(notFound(request)) : parts.size() == 2
                ? users.users(frame, request.param("app"), request.param("q"), request.param("after"))
                : users.user(frame, request.param("app"), request.param("id"));
            case "policies" -> !users.served() ? done(notFound(request)) : users.policies(frame,
                request.param("app"), ConsoleRequest.positive(request.param("deleted")) > 0
                    ? "Deleted policy " + ConsoleRequest.positive(request.param("deleted")) + "." : "");
            default -> done(notFound(request));
        };
    }

    private CompletableFuture<ConsoleReply> post(ConsoleRequest request, Frame frame, List<String> parts) {
        if (parts.size() == 2 && "logout".equals(parts.get(1))) {
            sessions.close(request.cookie(SESSION_COOKIE));
            LOG.info("console - operator {} logged out", frame.operator());
            return done(ConsoleReply.redirect(PREFIX + "/login").withCookie(cookie(SESSION_COOKIE, "", 0, PREFIX)));
        }
        // templates/{id}/approve, signatures/{id}/reject
        if (parts.size() == 4 && ("templates".equals(parts.get(1)) || "signatures".equals(parts.get(1)))
            && ("approve".equals(parts.get(3)) || "reject".equals(parts.get(3)))) {
            long id = ConsoleRequest.positive(parts.get(2));
            CatalogStore.Subject subject = "templates".equals(parts.get(1)) ? CatalogStore.Subject.TEMPLATE
                : CatalogStore.Subject.SIGNATURE;
            if (id <= 0) {
                return done(ConsoleReply.text(HttpResponseStatus.NOT_FOUND, subject.notFound().code() + ": "
                    + subject.notFound().message()));
            }
            Frame listFrame = new Frame(title(parts.get(1)), parts.get(1), frame.operator(), frame.csrf());
            return pages.review(listFrame, subject, id, "approve".equals(parts.get(3)), request.field("reason"));
        }
        if (parts.size() == 2 && "send".equals(parts.get(1))) {
            return testSends.send(frame, sendForm(request.form()));
        }
        // schedules/{schedule_id}/cancel
        if (parts.size() == 4 && "schedules".equals(parts.get(1)) && "cancel".equals(parts.get(3))
            && schedules.served()) {
            return schedules.cancel(frame, parts.get(2));
        }
        // balances/top_up, balances/allocate, balances/return
        if (parts.size() == 3 && "balances".equals(parts.get(1))) {
            return balances.operate(frame, parts.get(2), request.field("app_key"), request.field("type"),
                request.field("amount"));
        }
        // apps/{app_key}/alerts
        if (parts.size() == 4 && "apps".equals(parts.get(1)) && "alerts".equals(parts.get(3))) {
            return balances.saveAlerts(frame, parts.get(2), AlertForm.posted(request.field("mobiles"),
                request.field("industry"), request.field("market"), request.field("voice")));
        }
        // policies/{policy_id}/delete
        if (parts.size() == 4 && "policies".equals(parts.get(1)) && "delete".equals(parts.get(3)) && users.served()) {
            return users.deletePolicy(frame, request.field("app_key"), ConsoleRequest.positive(parts.get(2)));
        }
        return done(notFound(request));
    }

    /** The test send's or preview's fields, from a query or a form. */
    private static SendForm sendForm(Map<String, List<String>> fields) {
        return new SendForm(first(fields, "app"), first(fields, "temp_id"), first(fields, "sign_id"),
            first(fields, "mobile"), first(fields, "variables"));
    }

    private static String first(Map<String, List<String>> fields, String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private CompletableFuture<ConsoleReply> messages(ConsoleRequest request, Frame frame) {
        try {
            return pages.messages(frame, MessageFilter.parse(request.query()), "");
        } catch (IllegalArgumentException e) {
            return pages.messages(frame, MessageFilter.NONE, e.getMessage());
        }
    }

    private CompletableFuture<ConsoleReply> message(Frame frame, String id) {
        long msgId = ConsoleRequest.positive(id);
        return msgId <= 0 ? done(ConsoleReply.text(HttpResponseStatus.NOT_FOUND, "no message " + id))
            : pages.message(frame, msgId);
    }

    private ConsoleReply login(ConsoleRequest request) {
        if (HttpMethod.GET.equals(request.method()) || HttpMethod.HEAD.equals(request.method())) {
            return loginPage(HttpResponseStatus.OK, "");
        }
        if (!HttpMethod.POST.equals(request.method())) {
            return ConsoleReply.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET or POST");
        }
        String expected = request.cookie(LOGIN_COOKIE);
        if (expected == null || !ConsoleSessions.sameToken(expected, request.field("csrf"))) {
            return ConsoleReply.text(HttpResponseStatus.FORBIDDEN, "missing or wrong CSRF token");
        }
        String name = request.field("name");
        OperatorLogin.Result result = services.login().login(request.remote(), name == null ? "" : name,
            request.field("password") == null ? "" : request.field("password"));
        switch (result) {
            case LOCKED -> {
                return loginPage(HttpResponseStatus.TOO_MANY_REQUESTS,
                    "Too many failed logins from this address; wait a minute and try again.");
            }
            case REFUSED -> {
                return loginPage(HttpResponseStatus.UNAUTHORIZED, "Unknown operator or wrong password.");
            }
            default -> {
                String token = sessions.open(name);
                if (token == null) {
                    return loginPage(HttpResponseStatus.SERVICE_UNAVAILABLE, "Too many sessions; try again later.");
                }
                LOG.info("console - operator {} logged in", name);
                return ConsoleReply.redirect(PREFIX + "/apps")
                    .withCookie(cookie(SESSION_COOKIE, token, -1, PREFIX))
                    .withCookie(cookie(LOGIN_COOKIE, "", 0, PREFIX + "/login"));
            }
        }
    }

    private ConsoleReply loginPage(HttpResponseStatus status, String error) {
        String token = sessions.token();
        return ConsolePages.page(status, out -> JteloginGenerated.render(out, null, token, error))
            .withCookie(cookie(LOGIN_COOKIE, token, -1, PREFIX + "/login"));
    }

    /** A cookie for the console's paths only; {@code maxAge} 0 deletes it, -1 makes it last the browser session. */
    private String cookie(String name, String value, int maxAge, String path) {
        StringBuilder c = new StringBuilder(name).append('=').append(value).append("; Path=").append(path)
            .append("; HttpOnly; SameSite=Strict");
        if (maxAge >= 0) {
            c.append("; Max-Age=").append(maxAge);
        }
        if (tls) {
            c.append("; Secure");
        }
        return c.toString();
    }

    private static ReviewStatus status(ConsoleRequest request) {
        String value = request.param("status");
        return switch (value == null ? "" : value) {
            case "approved" -> ReviewStatus.APPROVED;
            case "rejected" -> ReviewStatus.REJECTED;
            default -> ReviewStatus.PENDING;
        };
    }

    /** The notice after a review: only the known decisions and a number reach the page. */
    private static String notice(ConsoleRequest request) {
        String done = request.param("done");
        long id = ConsoleRequest.positive(request.param("id"));
        if (id <= 0 || !("approved".equals(done) || "rejected".equals(done))) {
            return "";
        }
        return "#" + id + " " + done + "; the app is called back.";
    }

    private static String title(String section) {
        return switch (section) {
            case "apps" -> "Apps";
            case "templates" -> "Templates";
            case "signatures" -> "Signatures";
            case "messages" -> "Messages";
            case "channels" -> "Channels";
            case "stats" -> "Statistics";
            case "send" -> "Test SMS";
            case "schedules" -> "Schedules";
            case "balances" -> "Balances";
            case "users" -> "Users";
            case "policies" -> "Send policies";
            default -> "Console";
        };
    }

    private static ConsoleReply notFound(ConsoleRequest request) {
        return ConsoleReply.text(HttpResponseStatus.NOT_FOUND, "not found: " + request.path());
    }

    private static CompletableFuture<ConsoleReply> done(ConsoleReply reply) {
        return CompletableFuture.completedFuture(reply);
    }

    private static void write(ChannelHandlerContext ctx, ConsoleReply reply, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, reply.status(),
            Unpooled.wrappedBuffer(reply.body()));
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
            .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length)
            .set(HttpHeaderNames.CACHE_CONTROL, reply.contentType().startsWith("text/html")
                || reply.contentType().startsWith(StatsPages.JSON) || reply.location() != null ? "no-store"
                : "max-age=3600")
            .set("Content-Security-Policy", SECURITY_POLICY)
            .set("X-Content-Type-Options", "nosniff")
            .set("Referrer-Policy", "no-referrer");
        if (reply.location() != null) {
            response.headers().set(HttpHeaderNames.LOCATION, reply.location());
        }
        for (String cookie : reply.cookies()) {
            response.headers().add(HttpHeaderNames.SET_COOKIE, cookie);
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
