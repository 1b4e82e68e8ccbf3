import org.HdrHistogram.Histogram;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times the console's message search over HTTP, one request at a time, against the rows message-search.sh loaded:
 * logs in as the operator, then per kind of search sends warm-up requests and measured ones, and prints p50, p99 and
 * the largest latency (HdrHistogram) with the mean number of rows a page showed. The parameters are drawn with the
 * formulas the loader used, so every search asks for rows that exist.
 *
 * <p>Run by message-search.sh with the gateway's jar on the class path (it carries HdrHistogram):
 * {@code java -cp gateway.jar ConsoleSearchTimer.java <console url> <operator> <password> <first_at> <step_ms> <rows>
 * <apps> <mobiles> <requests>}.
 */
public final class ConsoleSearchTimer {
    private static final long EPOCH_MILLIS = 1_577_836_800_000L;
    private static final int TIME_SHIFT = 22;
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern OLDER = Pattern.compile("href=\"/console/messages(\\?before=[^\"]+)\">Older");
    private static final Pattern ROW = Pattern.compile("<td><a href=\"/console/messages/\\d+\">");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final long firstAt;
    private final long stepMs;
    private final long rows;
    private final int apps;
    private final int mobiles;
    private final Random random = new Random(42);

    private ConsoleSearchTimer(String base, long firstAt, long stepMs, long rows, int apps, int mobiles) {
        this.base = base;
        this.firstAt = firstAt;
        this.stepMs = stepMs;
        this.rows = rows;
        this.apps = apps;
        this.mobiles = mobiles;
    }

    public static void main(String[] args) throws Exception {
        ConsoleSearchTimer timer = new ConsoleSearchTimer(args[0], Long.parseLong(args[3]), Long.parseLong(args[4]),
            Long.parseLong(args[5]), Integer.parseInt(args[6]), Integer.parseInt(args[7]));
        int requests = Integer.parseInt(args[8]);
        timer.login(args[1], args[2]);
        System.out.printf("%-34s %9s %9s %9s %9s%n", "search", "p50 ms", "p99 ms", "max ms", "rows/page");
        timer.time("by msg_id", requests, () -> "?msg_id=" + timer.msgId(timer.seq()));
        timer.time("by mobile", requests, () -> "?mobile=" + timer.mobile());
        timer.time("app + delivered + 1-day range", requests, () -> timer.appStatusRange("delivered"));
        timer.time("app + failed + 1-day range", requests, () -> timer.appStatusRange("failed"));
        timer.time("app + accepted + 1-day range", requests, () -> timer.appStatusRange("accepted"));
        timer.time("app + status + range, page 2..5", requests / 4, timer::deeperPage);
    }

    private long seq() {
        return 1 + (long) (random.nextDouble() * rows);
    }

    /** The loader's msg_id of row {@code seq}: its acceptance time in the generator's layout. */
    private long msgId(long seq) {
        return (firstAt + seq * stepMs - EPOCH_MILLIS << TIME_SHIFT) + seq % 1024;
    }

    private String mobile() {
        return Long.toString(13_800_000_000L + random.nextInt(mobiles));
    }

    private String app() {
        return "bench-app-" + String.format("%02d", random.nextInt(apps));
    }

    private String appStatusRange(String status) {
        long from = firstAt + (long) (random.nextDouble() * (rows * stepMs - 86_400_000L));
        return "?app=" + app() + "&status=" + status + "&from=" + input(from) + "&to=" + input(from + 86_400_000L);
    }

    /** Follows a search's "Older messages" link 1 to 4 times; the request timed is the last page. */
    private String deeperPage() {
        String query = appStatusRange("delivered");
        int depth = 1 + random.nextInt(4);
        for (int i = 0; i < depth; i++) {
            Matcher older = OLDER.matcher(get(query).body());
            if (!older.find()) {
                break;
            }
            query = older.group(1).replace("&amp;", "&");
        }
        return query;
    }

    private static String input(long millis) {
        return URLEncoder.encode(LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC)
            .withSecond(0).withNano(0).toString(), StandardCharsets.UTF_8);
    }

    private void time(String name, int requests, Supplier<String> query) {
        Histogram latencies = new Histogram(60_000_000_000L, 3);
        long shown = 0;
        for (int i = -requests / 5; i < requests; i++) {
            String q = query.get();
            long start = System.nanoTime();
            HttpResponse<String> page = get(q);
            long took = System.nanoTime() - start;
            if (page.statusCode() != 200) {
                throw new IllegalStateException(name + " - " + q + " answered " + page.statusCode() + ": "
                    + page.body());
            }
            if (i >= 0) { // the first fifth warms up
                latencies.recordValue(took);
                Matcher row = ROW.matcher(page.body());
                while (row.find()) {
                    shown++;
                }
            }
        }
        System.out.printf("%-34s %9.1f %9.1f %9.1f %9.1f%n", name, latencies.getValueAtPercentile(50) / 1e6,
            latencies.getValueAtPercentile(99) / 1e6, latencies.getMaxValue() / 1e6, shown / (double) requests);
    }

    private void login(String operator, String password) {
        Matcher token = CSRF.matcher(get("/login", "").body());
        if (!token.find()) {
            throw new IllegalStateException("no login form at " + base + "/login");
        }
        String form = "csrf=" + token.group(1) + "&name=" + URLEncoder.encode(operator, StandardCharsets.UTF_8)
            + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> in = send(HttpRequest.newBuilder(URI.create(base + "/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (in.statusCode() != 303) {
            throw new IllegalStateException("login answered " + in.statusCode() + ": " + in.body());
        }
    }

    private HttpResponse<String> get(String query) {
        return get("/messages", query);
    }

    private HttpResponse<String> get(String path, String query) {
        return send(HttpRequest.newBuilder(URI.create(base + path + query)).timeout(Duration.ofSeconds(60)).GET()
            .build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(request.uri() + " - " + e, e);
        }
    }
}
