package dev.plimsoll.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged suite as separate processes ({@code java -jar <module>/target/quarkus-app/quarkus-run.jar}),
 * on free ports, with its own RabbitMQ prefix and fleet namespace so that it never sees another run's
 * events or rows. Logs go to {@code e2e-tests/target/e2e-logs/<module>.log}.
 */
final class Suite implements AutoCloseable {

  static final List<String> MODULES = List.of("simulator", "collector-service", "scaler-service", "gpu-service", "cost-service", "gateway");

  private final Path root;
  private final Path logs;
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> environments = new LinkedHashMap<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  Suite(String runId, Map<String, String> extraSimulatorEnv) throws IOException {
    this.root = Path.of(System.getProperty("plimsoll.root", "..")).toAbsolutePath().normalize();
    this.logs = Path.of(System.getProperty("plimsoll.e2e.logs", "target/e2e-logs")).toAbsolutePath();
    Files.createDirectories(logs);
    for (String module : MODULES) {
      ports.put(module, freePort());
    }
    String prefix = "e2e-" + runId + ".";
    String db = "postgresql://127.0.0.1:5432/plimsoll_test";
    String simulator = url("simulator");

    Map<String, String> sim = new LinkedHashMap<>(extraSimulatorEnv);
    environments.put("simulator", sim);
    // Six minutes of history: the work_load signal of Plimsoll's default policy takes its means over five.
    environments.put("collector-service", Map.of("COLLECTOR_SIMULATOR_URL", simulator, "PLIMSOLL_MESSAGING_PREFIX", prefix,
        "QUARKUS_DATASOURCE_REACTIVE_URL", db, "COLLECTOR_RETENTION", "6m"));
    // The run's queues go away when the run ends (auto-delete), so test runs leave nothing behind.
    environments.put("scaler-service", Map.of("QUARKUS_REST_CLIENT_SIMULATOR_URL", simulator, "QUARKUS_REST_CLIENT_COLLECTOR_URL",
        url("collector-service"), "QUARKUS_REST_CLIENT_GPU_URL", url("gpu-service"), "PLIMSOLL_MESSAGING_PREFIX", prefix,
        "QUARKUS_DATASOURCE_REACTIVE_URL", db, "MP_MESSAGING_INCOMING_SNAPSHOTS_QUEUE_AUTO_DELETE", "true"));
    environments.put("gpu-service", Map.of("QUARKUS_REST_CLIENT_SIMULATOR_URL", simulator, "QUARKUS_REST_CLIENT_COLLECTOR_URL",
        url("collector-service"), "PLIMSOLL_MESSAGING_PREFIX", prefix));
    environments.put("cost-service", Map.of("PLIMSOLL_MESSAGING_PREFIX", prefix, "QUARKUS_DATASOURCE_REACTIVE_URL", db,
        "MP_MESSAGING_INCOMING_DECISIONS_QUEUE_AUTO_DELETE", "true"));
    environments.put("gateway", Map.of(
        "GATEWAY_SERVICES_COLLECTOR_URL", url("collector-service"),
        "GATEWAY_SERVICES_SCALER_URL", url("scaler-service"),
        "GATEWAY_SERVICES_GPU_URL", url("gpu-service"),
        "GATEWAY_SERVICES_COST_URL", url("cost-service"),
        "GATEWAY_SERVICES_SIMULATOR_URL", simulator));
  }

  String url(String module) {
    return "http://127.0.0.1:" + ports.get(module);
  }

  String gateway() {
    return url("gateway");
  }

  void startAll() throws IOException {
    for (String module : MODULES) {
      start(module);
    }
  }

  void start(String module) throws IOException {
    Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: package the suite first (./mvnw package -DskipTests)");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var builder = new ProcessBuilder(java, "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(module + ".log").toFile()));
    builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(ports.get(module)));
    builder.environment().putAll(environments.get(module));
    processes.put(module, builder.start());
  }

  void stop(String module) throws InterruptedException {
    Process process = processes.remove(module);
    if (process != null) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** Waits until every started module answers /q/health/started, failing with the log's path. */
  void awaitStarted(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (String module : processes.keySet()) {
      while (status(url(module) + "/q/health/started") != 200) {
        Process process = processes.get(module);
        if (!process.isAlive()) {
          throw new IllegalStateException(module + " exited with " + process.exitValue() + "; see " + logs.resolve(module + ".log"));
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(module + " did not start within " + timeout + "; see " + logs.resolve(module + ".log"));
        }
        Thread.sleep(250);
      }
    }
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(gateway() + path)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(gateway() + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> putJson(String path, String json) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(gateway() + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private int status(String url) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (String module : new ArrayList<>(processes.keySet())) {
      stop(module);
    }
  }

  /**
   * A free port below the kernel's ephemeral range. A port the kernel hands out for {@code bind(0)} comes from that
   * range, so an outbound connection one of the starting services makes (to RabbitMQ, PostgreSQL, another service)
   * could take it before the service meant to listen there binds it; ports below the range are never handed out so.
   */
  private static int freePort() throws IOException {
    int ephemeralStart = 32768;
    // Read as a stream: /proc files report size 0, and a read sized by that can stop after the first bytes.
    try (var in = Files.newInputStream(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
      String range = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
      ephemeralStart = Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      // not Linux: keep the IANA default start of the ephemeral range
    }
    if (ephemeralStart <= 2_048) {
      ephemeralStart = 32768; // a range starting that low leaves nothing below it
    }
    int low = Math.max(1024, Math.min(20_000, ephemeralStart - 2_000));
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 500; attempt++) {
      int port = random.nextInt(low, ephemeralStart);
      try (ServerSocket socket = new ServerSocket(port)) {
        socket.setReuseAddress(true);
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free port below the ephemeral range " + ephemeralStart + " after 500 tries");
  }
}
