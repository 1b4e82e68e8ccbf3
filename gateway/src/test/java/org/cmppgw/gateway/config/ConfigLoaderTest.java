package org.cmppgw.gateway.config;

import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.gateway.model.TemplateType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigLoaderTest {
    /** The operator contract's demo file, at the repository root. */
    static final Path DEMO = Path.of("..", "config", "gateway.yaml");

    static final String MINIMAL = String.join("\n",
        "apps:",
        "  - appKey: k",
        "    masterSecret: s",
        "    callbackUrls: [{url: 'http://127.0.0.1:9/cb', default: true}]",
        "providers:",
        "  - name: p1",
        "    host: 127.0.0.1",
        "    port: 7890",
        "    account: '901234'",
        "    password: pw",
        "    accessNumber: '1069'",
        "");

    private static GatewayConfig demo(String... overrides) {
        return new ConfigLoader(Map.of()).load(DEMO, List.of(overrides));
    }

    private static String demoError(String... overrides) {
        return messageOf(() -> demo(overrides));
    }

    private static String messageOf(Runnable load) {
        try {
            load.run();
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a ConfigException");
    }

    @Test
    void demoFileLoadsWithTheOperatorContractValues() {
        GatewayConfig config = demo();

        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.server().managementPort()).isEqualTo(8081);
        assertThat(config.server().managementHost()).isEqualTo("127.0.0.1");
        assertThat(config.server().requestReadTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.server().maxConnections()).isEqualTo(10_000);
        assertThat(config.server().maxConnectionsPerAddress()).isEqualTo(1000);
        assertThat(config.server().authFailureLimit()).isEqualTo(10);
        assertThat(config.server().authFailureWindow()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.server().maxRequestSize()).isEqualTo(1024 * 1024);
        assertThat(config.server().cmppThreads()).isEqualTo(1);
        assertThat(config.database().url()).startsWith("jdbc:h2:file:./data/").contains("WRITE_DELAY=0");
        assertThat(config.database().isMariaDb()).isFalse();
        assertThat(config.simulator().embedded()).isTrue();
        assertThat(config.simulator().port()).isEqualTo(7890);
        ProviderConfig provider = config.providers().get(0);
        assertThat(provider.host()).isEqualTo("127.0.0.1");
        assertThat(provider.port()).isEqualTo(7890);
        assertThat(provider.version()).isEqualTo(CmppVersion.V30);
        assertThat(provider.account()).isEqualTo("901234");
        assertThat(provider.password().value()).isEqualTo("secret");
        assertThat(provider.connections()).isEqualTo(4);
        assertThat(provider.window()).isEqualTo(16);
        assertThat(provider.maxSends()).isEqualTo(3);
        AppConfig app = config.apps().get(0);
        assertThat(app.appKey()).isEqualTo("demo-app-key");
        assertThat(app.masterSecret().value()).isEqualTo("demo-master-secret");
        assertThat(app.defaultCallbackUrl()).isEqualTo("http://127.0.0.1:8090/callback");
        assertThat(config.signature(app.defaultSignId())).isPresent();
        TemplateConfig template = config.template(1).orElseThrow();
        assertThat(template.approved()).isTrue();
        assertThat(template.type()).isEqualTo(TemplateType.NOTIFICATION);
        assertThat(template.content()).isEqualTo("Your code is {{code}}");
        assertThat(config.routing().defaultProvider()).isEqualTo("demo-cmpp");
        assertThat(config.callbacks().retrySchedule())
            .containsExactly(Duration.ofMinutes(3), Duration.ofHours(1), Duration.ofHours(12));
    }

    @Test
    void absentKeysTakeTheBuiltInDefaults() {
        GatewayConfig config = new ConfigLoader(Map.of()).parse(MINIMAL, List.of());

        // the demo file spells these sections out with the default values its comments document
        GatewayConfig demo = demo();
        assertThat(config.server()).isEqualTo(demo.server());
        assertThat(config.database()).isEqualTo(demo.database());
        // but the callback circuit's open time, which the demo shortens for restarted receivers (its comment says so)
        assertThat(config.callbacks()).usingRecursiveComparison().ignoringFields("circuitBreaker.openDuration")
            .isEqualTo(demo.callbacks());
        assertThat(config.callbacks().circuitBreaker().openDuration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(demo.callbacks().circuitBreaker().openDuration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.limits()).isEqualTo(demo.limits());
        assertThat(config.providers().get(0).circuitBreaker()).isEqualTo(demo.providers().get(0).circuitBreaker());
        assertThat(config.providers().get(0).reconnect()).isEqualTo(demo.providers().get(0).reconnect());
        assertThat(config.database().batchSize()).isEqualTo(500);
        ProviderConfig p = config.providers().get(0);
        assertThat(p.window()).isEqualTo(16);
        assertThat(p.connections()).isEqualTo(1);
        assertThat(p.version()).isEqualTo(CmppVersion.V30);
        assertThat(p.responseTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.reconnect().maxDelay()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.circuitBreaker().failureRateThreshold()).isEqualTo(50);
        assertThat(config.apps().get(0).allowedIps()).isEmpty();
        assertThat(config.apps().get(0).rateLimit()).isZero();
        assertThat(config.simulator().embedded()).isFalse();
        assertThat(config.routing().defaultProvider()).isEqualTo("p1");
        assertThat(config.callbacks().retrySchedule()).hasSize(3);
    }

    @Test
    void setOverridesApplyInOrderWithTypesFromTheTarget() {
        GatewayConfig config = demo(
            "simulator.embedded=false",
            "database.url=jdbc:mariadb://db:3306/cmppgw",
            "database.user=gw",
            "database.password=pw",
            "providers[0].window=32",
            "providers[0].window=8",
            "providers[0].account=012345",
            "providers[0].version=2.0",
            "callbacks.retrySchedule=[1m, 5m]",
            "apps[0].allowedIps=[127.0.0.1, 10.0.0.0/8]",
            "server.maxRequestSize=64KB");

        assertThat(config.simulator().embedded()).isFalse();
        assertThat(config.database().isMariaDb()).isTrue();
        assertThat(config.database().user()).isEqualTo("gw");
        assertThat(config.database().password().value()).isEqualTo("pw");
        assertThat(config.providers().get(0).window()).isEqualTo(8);
        assertThat(config.providers().get(0).account()).isEqualTo("012345");
        assertThat(config.providers().get(0).version()).isEqualTo(CmppVersion.V20);
        assertThat(config.callbacks().retrySchedule()).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(5));
        assertThat(config.apps().get(0).allowedIps()).containsExactly("127.0.0.1", "10.0.0.0/8");
        assertThat(config.server().maxRequestSize()).isEqualTo(64 * 1024);
    }

    @Test
    void setOnTheIndexPastTheEndAppendsAnElementThatGetsElementDefaults() {
        GatewayConfig config = demo(
            "providers[1].name=backup",
            "providers[1].host=10.0.0.2",
            "providers[1].port=7891",
            "providers[1].account=123456",
            "providers[1].password=x",
            "providers[1].accessNumber=1069",
            "routing.rules[0].prefixes=[134, 135]",
            "routing.rules[0].provider=demo-cmpp",
            "routing.rules[0].backup=backup");

        assertThat(config.providers()).hasSize(2);
        assertThat(config.providers().get(1).window()).isEqualTo(16);
        assertThat(config.routing().rules().get(0).prefixes()).containsExactly("134", "135");
        assertThat(config.routing().rules().get(0).apps()).isEmpty();
        assertThat(config.routing().rules().get(0).backup()).isEqualTo("backup");
    }

    @Test
    void setPathsThatSkipElementsOrCrossScalarsAreRejected() {
        assertThat(demoError("providers[3].window=8")).isEqualTo(
            "--set providers[3].window=8 - providers[3]: no such element (expected: an index 0..1; 1 appends)");
        assertThat(demoError("server.port.x=1"))
            .isEqualTo("--set server.port.x=1 - server.port: \"8080\" (expected: a mapping, to set server.port.x)");
        assertThat(demoError("window")).startsWith("--set window - no path=value (expected: --set <path>=<value>");
        assertThat(demoError("a..b=1")).startsWith("--set a..b=1 - path: \"a..b\" (expected: keys separated by '.'");
    }

    @Test
    void placeholdersResolveFromTheEnvironmentWithDefaults() {
        String yaml = MINIMAL.replace("password: pw", "password: \"${CARRIER_SECRET}\"")
            + "database:\n  url: \"jdbc:mariadb://${DB_HOST:localhost}:3306/gw\"\n  password: \"${DB_PW}\"\n"
            + "simulator:\n  config: \"$${literal}\"\n";

        GatewayConfig config = new ConfigLoader(Map.of("CARRIER_SECRET", "s3cret", "DB_PW", "dbpw"))
            .parse(yaml, List.of());

        assertThat(config.providers().get(0).password().value()).isEqualTo("s3cret");
        assertThat(config.database().url()).isEqualTo("jdbc:mariadb://localhost:3306/gw");
        assertThat(config.database().password().value()).isEqualTo("dbpw");
        assertThat(config.simulator().config()).isEqualTo("${literal}");
    }

    @Test
    void anUnsetPlaceholderWithoutDefaultNamesThePathAndTheVariable() {
        String yaml = MINIMAL + "database:\n  password: \"${DB_PW}\"\n";

        assertThat(messageOf(() -> new ConfigLoader(Map.of()).parse(yaml, List.of()))).isEqualTo(
            "database.password: ${DB_PW} is not set (expected: the environment variable DB_PW, "
                + "or a default as ${DB_PW:value})");
    }

    @Test
    void cmppgwVariablesOverrideKeysAndTheCommandLineWins() {
        Map<String, String> env = Map.of(
            "CMPPGW_DATABASE_PASSWORD", "from-env",
            "CMPPGW_SERVER_MANAGEMENT_PORT", "9191",
            "CMPPGW_SERVER_MAXREQUESTSIZE", "2MB",
            "CMPPGW_PROVIDERS_0_WINDOW", "8",
            "CMPPGW_PROVIDERS_0_CIRCUIT_BREAKER_OPEN_DURATION", "2m",
            "CMPPGW_SIMULATOR_EMBEDDED", "false",
            "PATH", "/usr/bin");

        GatewayConfig config = new ConfigLoader(env).load(DEMO, List.of("providers[0].window=4"));

        assertThat(config.database().password().value()).isEqualTo("from-env");
        assertThat(config.server().managementPort()).isEqualTo(9191);
        assertThat(config.server().maxRequestSize()).isEqualTo(2 * 1024 * 1024);
        assertThat(config.providers().get(0).circuitBreaker().openDuration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.simulator().embedded()).isFalse();
        assertThat(config.providers().get(0).window()).isEqualTo(4);
    }

    @Test
    void aCmppgwVariableThatNamesNoKeyIsAnError() {
        ConfigLoader loader = new ConfigLoader(Map.of("CMPPGW_DATABASE_PASWORD", "x"));

        assertThat(messageOf(() -> loader.load(DEMO, List.of()))).startsWith(
            "environment CMPPGW_DATABASE_PASWORD: names no configuration key (expected: CMPPGW_<SECTION>_<KEY>");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
        providers[0].window=0           | providers[0].window: 0 (expected: 1..64)
        providers[0].window=65          | providers[0].window: 65 (expected: 1..64)
        providers[0].window=abc         | providers[0].window: "abc" (expected: an integer)
        providers[0].window=1.5         | providers[0].window: "1.5" (expected: an integer)
        providers[0].account=1234567    | providers[0].account: "1234567" (expected: at most 6 characters)
        providers[0].accessNumber=10x   | providers[0].accessNumber: "10x" (expected: 1–21 digits)
        providers[0].version=4.0        | providers[0].version: "4.0" (expected: 2.0 or 3.0)
        providers[0].name=a b           | providers[0].name: "a b" (expected: 1–32 letters, digits, '.', '_' or '-')
        providers[0].reconnect.maxDelay=500ms | providers[0].reconnect.maxDelay: 500ms (expected: >= initialDelay 1s)
        providers[0].circuitBreaker.failureRateThreshold=0 | providers[0].circuitBreaker.failureRateThreshold: 0 \
        (expected: 1..100)
        server.port=70000               | server.port: 70000 (expected: 0..65535)
        server.managementPort=8080      | server.managementPort: 8080 (expected: a port other than the API port 8080)
        server.maxRequestSize=2GB       | server.maxRequestSize: "2GB" (expected: a size like 65536, 64KB or 1MB)
        server.idleTimeout=0s           | server.idleTimeout: 0s (expected: > 0s)
        server.requestReadTimeout=0s    | server.requestReadTimeout: 0s (expected: > 0s)
        server.managementHost=          | server.managementHost: "" (expected: non-empty text)
        server.maxConnections=0         | server.maxConnections: 0 (expected: 1..1000000)
        server.maxConnectionsPerAddress=10001 | server.maxConnectionsPerAddress: 10001 (expected: 1..10000, at most \
        maxConnections)
        server.authFailureLimit=-1      | server.authFailureLimit: -1 (expected: 0..1000000)
        server.cmppThreads=-1           | server.cmppThreads: -1 (expected: 0..1024)
        server.authFailureWindow=0s     | server.authFailureWindow: 0s (expected: > 0s)
        simulator.embedded=maybe        | simulator.embedded: "maybe" (expected: true or false)
        callbacks.connectTimeout=5x     | callbacks.connectTimeout: "5x" (expected: a duration like 500ms, 60s, 3m, 1h)
        callbacks.retrySchedule[1]=soon | callbacks.retrySchedule[1]: "soon" (expected: a duration like 500ms, 60s, \
        3m, 1h)
        database.url=postgres://x       | database.url: "postgres://x" (expected: a JDBC URL starting with jdbc:)
        database.poolSize=0             | database.poolSize: 0 (expected: 1..256)
        templates[0].type=urgent        | templates[0].type: "urgent" (expected: one of code, notification, marketing)
        templates[0].content=           | templates[0].content: "" (expected: non-empty text)
        signatures[0].text=X            | signatures[0].text: "X" (expected: 2–16 characters without 【 】)
        apps[0].appKey=a:b              | apps[0].appKey: "a:b" (expected: no ':' and no surrounding spaces)
        apps[0].allowedIps=[10.0.0.0/33] | apps[0].allowedIps[0]: "10.0.0.0/33" (expected: an IP address or CIDR \
        block such as 10.0.0.0/8)
        apps[0].allowedIps=[example.com] | apps[0].allowedIps[0]: "example.com" (expected: an IP address or CIDR \
        block such as 10.0.0.0/8)
        apps[0].callbackUrls[0].default=false | apps[0].callbackUrls: 0 marked default (expected: exactly one URL \
        with default: true)
        apps[0].callbackUrls[0].url=ftp://x | apps[0].callbackUrls[0].url: "ftp://x" (expected: an absolute http or \
        https URL)
        apps[0].defaultSignId=9         | apps[0].defaultSignId: 9 (expected: 0 or one of the signatures' ids [1])
        apps[0].rateLimit=-1            | apps[0].rateLimit: -1 (expected: >= 0)
        apps[0].extension=7a            | apps[0].extension: "7a" (expected: "" or 1..20 digits)
        apps[0].callbacks.types=[SMS_REPORT, SMS_MO] | apps[0].callbacks.types[1]: "SMS_MO" (expected: each of \
        SMS_REPORT, SMS_REPLY, SMS_TEMPLATE, SMS_SIGN at most once)
        apps[0].callbacks.types=[SMS_REPLY, SMS_REPLY] | apps[0].callbacks.types[1]: "SMS_REPLY" (expected: each \
        of SMS_REPORT, SMS_REPLY, SMS_TEMPLATE, SMS_SIGN at most once)
        apps[0].callbacks.urlCheck=strict | apps[0].callbacks.urlCheck: "strict" (expected: one of off, warn, require)
        apps[0].callbacks.enabled=maybe | apps[0].callbacks.enabled: "maybe" (expected: true or false)
        apps[0].extension=12345678901234 | apps[0].extension: "12345678901234" (expected: at most 13 digits, so \
        that providers[0].accessNumber "10690001" + extension fits the 21 octets of Src_Id)
        providers[0].flowControl.maxTries=0 | providers[0].flowControl.maxTries: 0 (expected: 1..1000)
        providers[0].flowControl.pauseMin=0s | providers[0].flowControl.pauseMin: 0s (expected: > 0s)
        providers[0].flowControl.pauseMax=10ms | providers[0].flowControl.pauseMax: 10ms (expected: >= pauseMin \
        50ms)
        providers[0].outcomes.flushDelay=0s | providers[0].outcomes.flushDelay: 0s (expected: > 0s)
        providers[0].outcomes.batchMax=0 | providers[0].outcomes.batchMax: 0 (expected: 1..100000)
        providers[0].drainTimeout=0s    | providers[0].drainTimeout: 0s (expected: > 0s)
        providers[0].timestampZone=Beijing | providers[0].timestampZone: "Beijing" (expected: a zone ID such as \
        Asia/Shanghai, UTC or +08:00)
        routing.defaultProvider=nope    | routing.defaultProvider: "nope" (expected: one of the providers' names \
        [demo-cmpp])
        routing.rules[0].provider=nope  | routing.rules[0].provider: "nope" (expected: one of the providers' names \
        [demo-cmpp])
        limits.callbackQueueCapacity=0  | limits.callbackQueueCapacity: 0 (expected: 1..10000000)
        providers[0].windw=16           | providers[0].windw: unknown key (expected: one of accessNumber, account, \
        circuitBreaker, code, connectTimeout, connections, drainTimeout, flowControl, heartbeatInterval, \
        heartbeatMaxMissed, host, name, outcomes, password, port, reconnect, responseTimeout, retries, submit, \
        supplier, timestampZone, tps, version, window)
        providers[1].name=second        | providers[1].host: missing (expected: a value; this key has no default)
        """)
    void everyValidationErrorNamesThePathTheValueAndWhatWasExpected(String override, String message) {
        assertThat(demoError(override)).isEqualTo(message);
    }

    @Test
    void crossSectionChecksNameBothPlaces() {
        assertThat(demoError("templates[1].id=1", "templates[1].content=x"))
            .isEqualTo("templates[1].id: 1 (expected: unique; templates[0] has it too)");
        assertThat(demoError("signatures[1].id=1", "signatures[1].text=other"))
            .isEqualTo("signatures[1].id: 1 (expected: unique; signatures[0] has it too)");
        assertThat(demoError("routing.rules[0].provider=demo-cmpp", "routing.rules[0].apps=[other-app]"))
            .isEqualTo("routing.rules[0].apps[0]: \"other-app\" (expected: one of the apps' keys "
                + "[7d431e42dfa6a6d693ac2d04, demo-app-key])");
        assertThat(demoError("server.port=7890")).isEqualTo(
            "simulator.port: 7890 (expected: a port other than server.port and server.managementPort)");
        assertThat(demoError("apps=[]")).isEqualTo("apps: [] (expected: at least one app)");
    }

    @Test
    void poolTunablesAndAppExtensionsDefaultToTheBuiltInValuesAndCanBeSet() {
        GatewayConfig config = new ConfigLoader(Map.of()).parse(MINIMAL, List.of());
        ProviderConfig p = config.providers().get(0);

        assertThat(p.flowControl()).isEqualTo(new FlowControlConfig(30, Duration.ofMillis(50), Duration.ofMillis(200)))
            .isEqualTo(FlowControlConfig.defaults()).isEqualTo(demo().providers().get(0).flowControl());
        assertThat(p.outcomes()).isEqualTo(new OutcomeBatchConfig(Duration.ofMillis(2), 1000))
            .isEqualTo(OutcomeBatchConfig.defaults()).isEqualTo(demo().providers().get(0).outcomes());
        assertThat(p.drainTimeout()).isEqualTo(Duration.ofSeconds(15)).isEqualTo(demo().providers().get(0)
            .drainTimeout());
        assertThat(p.timestampZone()).as("carriers read the CONNECT Timestamp as Beijing time")
            .isEqualTo(ZoneId.of("Asia/Shanghai")).isEqualTo(demo().providers().get(0).timestampZone());
        assertThat(config.apps().get(0).extension()).isEmpty();
        assertThat(config.apps().get(0).hasExtension()).isFalse();
        assertThat(demo().apps().get(0).extension()).isEmpty();

        GatewayConfig set = demo("providers[0].flowControl.maxTries=5", "providers[0].flowControl.pauseMin=10ms",
            "providers[0].flowControl.pauseMax=20ms", "providers[0].outcomes.flushDelay=5ms",
            "providers[0].outcomes.batchMax=200", "providers[0].drainTimeout=3s", "apps[0].extension=0077",
            "providers[0].timestampZone=UTC");
        ProviderConfig q = set.providers().get(0);
        assertThat(q.flowControl()).isEqualTo(new FlowControlConfig(5, Duration.ofMillis(10), Duration.ofMillis(20)));
        assertThat(q.outcomes()).isEqualTo(new OutcomeBatchConfig(Duration.ofMillis(5), 200));
        assertThat(q.drainTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(q.timestampZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(set.apps().get(0).extension()).as("text: leading zeros kept").isEqualTo("0077");
        assertThat(demo("apps[0].extension=1234567890123").apps().get(0).extension())
            .as("8-digit access number + 13 = 21 octets").hasSize(13);
    }

    @Test
    void appCallbacksDefaultToAllTypesWithAWarningUrlCheckAndTheDemoHasAPullingJsmsShapedApp() {
        GatewayConfig config = new ConfigLoader(Map.of()).parse(MINIMAL, List.of());
        assertThat(config.apps().get(0).callbacks()).isEqualTo(AppCallbacks.ALL);
        assertThat(demo().apps().get(0).callbacks()).isEqualTo(AppCallbacks.ALL);

        AppConfig jsms = demo().apps().get(1);
        assertThat(jsms.appKey()).matches("[0-9a-zA-Z]{24}");
        assertThat(jsms.masterSecret().value()).matches("[0-9a-zA-Z]{24}");
        assertThat(jsms.callbacks().enabled()).isFalse();
        assertThat(jsms.callbacks().calls("SMS_REPORT")).isFalse();
        assertThat(jsms.callbacks().checksUrls()).isFalse();

        AppCallbacks set = demo("apps[0].callbacks.types=[SMS_REPORT]", "apps[0].callbacks.urlCheck=require")
            .apps().get(0).callbacks();
        assertThat(set.calls("SMS_REPORT")).isTrue();
        assertThat(set.calls("SMS_REPLY")).isFalse();
        assertThat(set.urlCheck()).isEqualTo(AppCallbacks.UrlCheck.REQUIRE);
        assertThat(demo("apps[0].callbacks.types=[]").apps().get(0).callbacks().checksUrls())
            .as("nothing called back, nothing to check").isFalse();
    }

    @Test
    void extensionsAreUniqueAcrossApps() {
        String twoApps = MINIMAL.replace("providers:", String.join("\n",
            "  - appKey: k2",
            "    masterSecret: s2",
            "    callbackUrls: [{url: 'http://127.0.0.1:9/cb2', default: true}]",
            "providers:"));
        ConfigLoader loader = new ConfigLoader(Map.of());

        assertThat(loader.parse(twoApps, List.of("apps[0].extension=7", "apps[1].extension=77")).apps())
            .extracting(AppConfig::extension).containsExactly("7", "77");
        assertThat(loader.parse(twoApps, List.of()).apps()).as("no extension is no clash")
            .extracting(AppConfig::extension).containsExactly("", "");
        assertThat(messageOf(() -> loader.parse(twoApps, List.of("apps[0].extension=77", "apps[1].extension=77"))))
            .isEqualTo("apps[1].extension: \"77\" (expected: unique; apps[0] has it too)");
    }

    @Test
    void theAdmissionSectionHasTheJsmsDefaultsAndRefusesBadValuesNamingThePath() throws Exception {
        AdmissionConfig admission = demo().admission();

        assertThat(admission.codes()).isEqualTo(new SendQuota(200, Duration.ofHours(24)));
        assertThat(admission.sameNotification()).isEqualTo(new SendQuota(3, Duration.ofMinutes(10)));
        assertThat(admission.notifications()).isEqualTo(new SendQuota(200, Duration.ofHours(24)));
        assertThat(admission.marketing()).isEqualTo(new SendQuota(3, Duration.ofMinutes(10)));
        assertThat(admission.repeatWindow()).isEqualTo(Duration.ofSeconds(60));
        assertThat(admission.unsubscribeWords()).containsExactly("TD", "T", "退订");
        assertThat(admission.horizon()).isEqualTo(Duration.ofHours(24));
        assertThat(demoError("admission.codes.limit=-1")).isEqualTo("admission.codes.limit: -1 (expected: >= 0)");
        assertThat(demoError("admission.marketing.window=0s"))
            .isEqualTo("admission.marketing.window: 0s (expected: > 0s)");
        assertThat(demoError("admission.repeatWindow=-1s")).startsWith("admission.repeatWindow: ");
        assertThat(demoError("apps[0].sms=maybe")).startsWith("apps[0].sms: ");
    }

    @Test
    void unknownKeysAnywhereAreErrorsNamingThePath() {
        String yaml = MINIMAL + "servr:\n  port: 1\n";

        assertThat(messageOf(() -> new ConfigLoader(Map.of()).parse(yaml, List.of())))
            .startsWith("servr: unknown key (expected: one of admission, apps, billing, callbacks, clicks, codes,"
                + " console, database, emailProviders, expiry, history, limits, node, operators, providers, review,");
        assertThat(demoError("apps[0].callbackUrls[0].primary=true"))
            .isEqualTo("apps[0].callbackUrls[0].primary: unknown key (expected: one of default, url)");
    }

    @Test
    void requiredKeysAndBrokenYamlAreReported() {
        ConfigLoader loader = new ConfigLoader(Map.of());

        assertThat(messageOf(() -> loader.parse(MINIMAL.replace("    host: 127.0.0.1\n", ""), List.of())))
            .isEqualTo("providers[0].host: missing (expected: a value; this key has no default)");
        assertThat(messageOf(() -> loader.parse("server:\n  port: 1\n", List.of())))
            .isEqualTo("apps: missing (expected: a value; this key has no default)");
        assertThat(messageOf(() -> loader.parse("server: [1\n", List.of()))).startsWith("yaml at line ");
        assertThat(messageOf(() -> loader.parse("- a\n", List.of())))
            .startsWith("yaml: array at the top (expected: a mapping of sections");
        assertThat(messageOf(() -> loader.parse(MINIMAL + "apps: []\n", List.of()))).startsWith("yaml at line ");
    }

    @Test
    void toStringNeverPrintsPasswordsOrSecrets() {
        String text = demo("database.password=db-pass-123").toString();

        assertThat(text).doesNotContain("demo-master-secret", "db-pass-123", "password=secret")
            .contains("password=" + Secret.MASK, "masterSecret=" + Secret.MASK);
    }

    @Test
    void aSingleSectionBindsWithItsDefaults() {
        ProviderConfig provider = new ConfigLoader(Map.of()).parseSection("providers[]",
            "{name: p, host: h, port: 1, account: a, password: s, accessNumber: '1'}", ProviderConfig.class);
        AppConfig app = new ConfigLoader(Map.of()).parseSection("apps[]",
            "{appKey: k, masterSecret: s, callbackUrls: [{url: 'http://h/cb', default: true}]}", AppConfig.class);

        assertThat(provider.window()).isEqualTo(16);
        assertThat(provider.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(app.callbackUrls().get(0).isDefault()).isTrue();
    }
}
