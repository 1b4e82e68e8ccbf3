package org.cmppgw.gateway.config;

import java.time.Duration;

/**
 * The {@code review} section: how templates and signatures that apps create through the API are reviewed
 * (docs/api.md "Operator API").
 *
 * @param autoApprove    approve every new or modified template and signature at once (development only: in
 *                       production an operator reviews them)
 * @param refreshPeriod  how often each node reloads templates and signatures from the database, to see what other
 *                       nodes changed (its own changes are seen at once)
 */
public record ReviewConfig(boolean autoApprove, Duration refreshPeriod) {
    public ReviewConfig {
        ConfigChecks.positive("refreshPeriod", refreshPeriod);
    }
}
