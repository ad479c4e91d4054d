/**
 * A small Docker Engine API client for Swarm, in plain Java and Jackson: {@link dev.plimsoll.docker.DockerEngine}
 * speaks HTTP/1.1 over a unix socket or TCP (no docker-java, no Netty, so the services stay light and
 * native-friendly), {@link dev.plimsoll.docker.swarm.SwarmTargets} turns services, tasks and nodes into scrape
 * targets the way Prometheus' {@code dockerswarm_sd} tasks role does. Every failure is a
 * {@link dev.plimsoll.docker.DockerEngineException}; no call blocks longer than its timeouts.
 */
package dev.plimsoll.docker;
