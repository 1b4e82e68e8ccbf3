package org.cmppgw.gateway.console;

import io.micrometer.core.instrument.MeterRegistry;
import org.cmppgw.cmpp.sms.Segmenter;
import org.cmppgw.gateway.api.ApiServices;
import org.cmppgw.gateway.api.OperatorLogin;
import org.cmppgw.gateway.billing.BalanceService;
import org.cmppgw.gateway.catalog.CatalogService;
import org.cmppgw.gateway.config.GatewayConfig;
import org.cmppgw.gateway.persistence.sql.JdbcExecutor;
import org.cmppgw.gateway.provider.Provider;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the console reads and drives: the configuration (apps, providers), the same catalog service the operator API
 * reviews through (so the app is called back), balances, the message store's reads, the providers and the meters.
 *
 * @param config    the gateway's configuration
 * @param login     operator login with the API's lock-out
 * @param catalog   templates and signatures, review
 * @param balances  balances per app
 * @param reads     the console's own JDBC reader (one thread, small queue)
 * @param providers this node's providers
 * @param meters    the gateway's meters (window use per session)
 * @param api       what the API's routes are built on: the console's test sends go through the same admission and
 *                  intake, and its schedule, user and policy pages through the same services
 * @param segmenter the dispatcher's segmenter, which counts a previewed text's parts as a send's are counted
 * @param clock     stamps the console's test sends and gives the statistics form its default range
 */
public record ConsoleServices(GatewayConfig config, OperatorLogin login, CatalogService catalog,
                              BalanceService balances, JdbcExecutor reads, Supplier<List<Provider>> providers,
                              MeterRegistry meters, ApiServices api, Segmenter segmenter, Clock clock) {
    public ConsoleServices {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(balances, "balances");
        Objects.requireNonNull(reads, "reads");
        Objects.requireNonNull(providers, "providers");
        Objects.requireNonNull(meters, "meters");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(segmenter, "segmenter");
        Objects.requireNonNull(clock, "clock");
    }
}
