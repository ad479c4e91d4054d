package dev.plimsoll.collector.statictarget;

import java.time.Instant;
import java.util.Map;

/** A stored static target. */
public record StaticTargetView(long id, String url, String workload, String replica, Map<String, String> labels, String interval,
    String timeout, Instant createdAt) {}
