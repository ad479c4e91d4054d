package dev.plimsoll.collector.statictarget;

import java.util.Map;

/**
 * A static target as REST takes it.
 *
 * @param url the metrics URL ({@code http(s)://host:port/path})
 * @param workload the workload id it belongs to ({@code platform/namespace/kind/name})
 * @param replica a name for it within the workload; defaults to host:port
 * @param labels extra target labels
 * @param interval its scrape interval ({@code 15s}); null for the default
 * @param timeout its scrape timeout; null for the default
 */
public record StaticTargetRequest(String url, String workload, String replica, Map<String, String> labels, String interval, String timeout) {}
