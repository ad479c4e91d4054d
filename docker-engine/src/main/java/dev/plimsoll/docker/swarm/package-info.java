/**
 * Swarm objects as small records ({@link dev.plimsoll.docker.swarm.SwarmService}, {@link
 * dev.plimsoll.docker.swarm.SwarmTask}, {@link dev.plimsoll.docker.swarm.SwarmNode}), read from the Engine's JSON by
 * {@link dev.plimsoll.docker.swarm.SwarmJson}, and {@link dev.plimsoll.docker.swarm.SwarmTargets}: pure scrape-target
 * discovery, no I/O and no clock, so it is tested on recorded Engine documents.
 */
package dev.plimsoll.docker.swarm;
