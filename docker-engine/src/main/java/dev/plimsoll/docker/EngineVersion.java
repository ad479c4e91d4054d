package dev.plimsoll.docker;

/**
 * What {@code GET /version} says about the daemon.
 *
 * @param version       the Engine release, e.g. {@code 20.10.24+dfsg1}
 * @param apiVersion    the newest API version it speaks, e.g. {@code 1.41}
 * @param minApiVersion the oldest it still accepts (raised to 1.44 by Engine 29)
 */
public record EngineVersion(String version, String apiVersion, String minApiVersion, String os, String arch) {
}
