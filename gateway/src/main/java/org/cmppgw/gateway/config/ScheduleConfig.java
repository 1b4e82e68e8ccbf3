package org.cmppgw.gateway.config;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The {@code schedules} section: scheduled sends ({@code /v1/schedule}, docs/api.md "Scheduled sends").
 *
 * @param zone      the zone a {@code send_time} ({@code yyyy-MM-dd HH:mm:ss}) is read in
 * @param maxAhead  how far ahead a send may be scheduled
 * @param claimLease how long a node holds a due schedule while it sends it; a node that dies holding it leaves it to
 *                   another after this
 */
public record ScheduleConfig(ZoneId zone, Duration maxAhead, Duration claimLease) {
    public ScheduleConfig {
        ConfigChecks.present("zone", zone, "a zone ID such as Asia/Shanghai");
        ConfigChecks.positive("maxAhead", maxAhead);
        ConfigChecks.positive("claimLease", claimLease);
    }
}
