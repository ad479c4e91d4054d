package dev.plimsoll.docker;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link DockerEngine} talks to the Engine.
 *
 * @param connectTimeout   longest wait for a connection. Defaults to 5 s.
 * @param readTimeout      longest wait, after connecting, for the whole request to be sent and the whole response
 *                         read; a deadline rather than an idle timeout, so a trickling peer cannot stretch a call.
 *                         Defaults to 30 s.
 * @param maxResponseBytes largest response body accepted; task lists grow by ~1–3 KiB per task. Defaults to 64 MiB.
 * @param apiVersion       a fixed API version such as {@code 1.41}, or empty to negotiate with {@code GET /version}
 *                         (the daemon's version, capped at {@link DockerEngine#MAX_API_VERSION}). Defaults to empty.
 * @param scaleAttempts    how many read-modify-write rounds a scale makes when another writer changed the service in
 *                         between ("update out of sequence"). Defaults to 5.
 */
public record EngineOptions(Duration connectTimeout, Duration readTimeout, int maxResponseBytes, Optional<String> apiVersion, int scaleAttempts) {

  public static final EngineOptions DEFAULTS = new EngineOptions(Duration.ofSeconds(5), Duration.ofSeconds(30), 64 << 20, Optional.empty(), 5);

  public EngineOptions {
    Objects.requireNonNull(apiVersion, "apiVersion");
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("readTimeout", readTimeout);
    if (maxResponseBytes < 1024) {
      throw new IllegalArgumentException("maxResponseBytes " + maxResponseBytes + " is below 1024");
    }
    if (scaleAttempts < 1) {
      throw new IllegalArgumentException("scaleAttempts " + scaleAttempts + " is below 1");
    }
    apiVersion.ifPresent(v -> ApiVersion.parse(v));
  }

  public EngineOptions withConnectTimeout(Duration value) {
    return new EngineOptions(value, readTimeout, maxResponseBytes, apiVersion, scaleAttempts);
  }

  public EngineOptions withReadTimeout(Duration value) {
    return new EngineOptions(connectTimeout, value, maxResponseBytes, apiVersion, scaleAttempts);
  }

  public EngineOptions withMaxResponseBytes(int value) {
    return new EngineOptions(connectTimeout, readTimeout, value, apiVersion, scaleAttempts);
  }

  public EngineOptions withApiVersion(String value) {
    return new EngineOptions(connectTimeout, readTimeout, maxResponseBytes, Optional.of(value), scaleAttempts);
  }

  public EngineOptions withScaleAttempts(int value) {
    return new EngineOptions(connectTimeout, readTimeout, maxResponseBytes, apiVersion, value);
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
