package dev.plimsoll.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** Gateway configuration: the services behind it and the proxy's limits. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

  /** The services, by the name used in {@code /api/<name>/...}. */
  Map<String, Service> services();

  Proxy proxy();

  /** Readiness probing of the services for {@code /api/health}. */
  Health health();

  interface Service {
    /** Base URL, e.g. {@code http://127.0.0.1:8082}. */
    String url();

    /** Whether requests are routed and the service is probed. Defaults to {@code true}. */
    @WithDefault("true")
    boolean enabled();

    /** Path of the readiness probe. Defaults to {@code /q/health/ready}. */
    @WithDefault("/q/health/ready")
    String readinessPath();
  }

  interface Proxy {
    /** Time to open a connection to a service. Defaults to {@code 2s}. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** Time without any response data after which a proxied call fails with 504. Defaults to {@code 30s}. */
    @WithDefault("30s")
    Duration idleTimeout();

    /** Largest request body forwarded, in bytes. Larger bodies get 413. Defaults to {@code 10485760} (10 MiB). */
    @WithDefault("10485760")
    long maxBodyBytes();
  }

  interface Health {
    /** Time each service's readiness probe may take. Defaults to {@code 2s}. */
    @WithDefault("2s")
    Duration timeout();
  }
}
