package dev.plimsoll.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.docker.swarm.ScrapeTarget;
import dev.plimsoll.docker.swarm.SwarmDiscovery;
import dev.plimsoll.docker.swarm.SwarmTargets;
import dev.plimsoll.docker.swarm.SwarmTask;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The client and discovery against a real single-node swarm that this class starts and removes: its own
 * {@code dockerd} (vfs storage, data and exec roots and socket under {@code /tmp/plimsoll-dockerd-*}, swarm port on
 * 127.0.0.1 only), never the machine's {@code /var/run/docker.sock} or default data root. No image is pulled: the
 * image is a busybox-static rootfs made here and loaded with {@code docker import}.
 *
 * <p>Needs root and Debian's {@code docker.io} and {@code busybox-static}; without them the class is skipped,
 * saying which is missing. The daemon leaves what any dockerd leaves on a host: the {@code docker0} and
 * {@code docker_gwbridge} bridges and its iptables chains.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealSwarmTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String IMAGE = "plimsoll-test-metrics:1";
  private static final String SERVICE = "metrics";
  private static final int PORT = 8080;

  private static Path dir;
  private static Process dockerd;
  private static String docker;
  private static String socketUri;
  private static DockerEngine engine;

  /** Why the class cannot run here, or null. Checked per test, so surefire reports each test as skipped with it. */
  private static String missing;

  @BeforeAll
  static void startSwarm() throws Exception {
    Optional<Path> dockerdBinary = executable("dockerd");
    Optional<Path> dockerBinary = executable("docker");
    Optional<Path> busybox = Stream.of("/bin/busybox", "/usr/bin/busybox").map(Path::of).filter(Files::isExecutable).findFirst();
    if (dockerdBinary.isEmpty()) {
      missing = "dockerd is not installed (apt-get install -y docker.io)";
    } else if (dockerBinary.isEmpty()) {
      missing = "the docker CLI is not installed (apt-get install -y docker.io)";
    } else if (!"root".equals(System.getProperty("user.name"))) {
      missing = "dockerd needs root";
    } else if (busybox.isEmpty()) {
      missing = "no /bin/busybox (apt-get install -y busybox-static)";
    } else if (!isStatic(busybox.get())) {
      missing = busybox.get() + " is dynamically linked and cannot run in an empty image (apt-get install -y busybox-static)";
    }
    if (missing != null) {
      System.err.println("RealSwarmTest skipped: " + missing);
      return;
    }
    docker = dockerBinary.get().toString();

    // Short path: a unix socket path must fit in ~108 bytes.
    dir = Files.createTempDirectory(Path.of("/tmp"), "plimsoll-dockerd-");
    Path socket = dir.resolve("docker.sock");
    socketUri = "unix://" + socket;
    dockerd = new ProcessBuilder(dockerdBinary.get().toString(), "--storage-driver=vfs", "--data-root=" + dir.resolve("data"),
        "--exec-root=" + dir.resolve("exec"), "--pidfile=" + dir.resolve("dockerd.pid"), "--host=" + socketUri)
        .redirectErrorStream(true).redirectOutput(dir.resolve("dockerd.log").toFile()).start();

    engine = new DockerEngine(DockerHost.parse(socketUri), EngineOptions.DEFAULTS.withConnectTimeout(Duration.ofSeconds(2)).withReadTimeout(Duration.ofSeconds(20)));
    await("dockerd to answer on " + socketUri, Duration.ofSeconds(30), () -> {
      if (!dockerd.isAlive()) {
        fail("dockerd exited with " + dockerd.exitValue() + ":\n" + logTail());
      }
      try {
        engine.version();
        return true;
      } catch (DockerEngineException e) {
        return false;
      }
    });

    // Swarm on loopback only, on a free port, so nothing outside this machine (or another swarm on 2377) is affected.
    String swarmAddress = "127.0.0.1:" + freePort();
    docker("swarm", "init", "--advertise-addr", swarmAddress, "--listen-addr", swarmAddress);

    Path rootfs = dir.resolve("rootfs");
    Files.createDirectories(rootfs.resolve("bin"));
    Files.createDirectories(rootfs.resolve("www"));
    Files.copy(busybox.get(), rootfs.resolve("bin/busybox"));
    Path tar = dir.resolve("image.tar");
    run(List.of("tar", "-C", rootfs.toString(), "-cf", tar.toString(), "."));
    docker("import", tar.toString(), IMAGE);

    // Each replica writes its own hostname (the container id's first 12 characters) into its metrics, so the test
    // can tell that a target's URL reaches that very replica.
    String command = "printf '# TYPE up gauge\\nup{hostname=\"%s\"} 1\\n' \"$HOSTNAME\" > /www/metrics && exec /bin/busybox httpd -f -p " + PORT + " -h /www";
    docker("service", "create", "--detach", "--name", SERVICE, "--replicas", "2",
        "--label", "prometheus.io/scrape=true", "--label", "prometheus.io/port=" + PORT, "--label", "com.docker.stack.namespace=demo",
        // Host mode without a fixed published port: each replica gets its own node port, read from Status.PortStatus.
        "--publish", "mode=host,target=" + PORT,
        IMAGE, "/bin/busybox", "sh", "-c", command);
  }

  @BeforeEach
  void requirePrerequisites() {
    assumeTrue(missing == null, () -> "real-swarm test skipped: " + missing);
  }

  @AfterAll
  static void stopSwarm() throws Exception {
    try {
      if (dockerd != null && dockerd.isAlive() && docker != null) {
        try {
          docker("swarm", "leave", "--force");
        } catch (Exception | AssertionError e) {
          System.err.println("swarm leave failed: " + e.getMessage());
        }
      }
    } finally {
      if (dockerd != null) {
        dockerd.destroy(); // SIGTERM: dockerd stops its containers and its containerd
        if (!dockerd.waitFor(20, TimeUnit.SECONDS)) {
          dockerd.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      }
      if (dir != null) {
        deleteTree(dir);
      }
    }
  }

  @Test
  @Order(1)
  void discoversBothReplicasAndEachUrlReachesItsReplica() throws Exception {
    List<ScrapeTarget> targets = awaitTargets(2);
    assertEquals(List.of("metrics.1", "metrics.2"), targets.stream().map(ScrapeTarget::replica).toList());
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (ScrapeTarget target : targets) {
      assertEquals("swarm/demo/Service/metrics", target.workload().toString());
      assertTrue(target.url().toString().matches("http://127\\.0\\.0\\.1:\\d+/metrics"), target.url().toString());
      String body = fetch(http, target);
      String hostname = target.labels().get("container_id").substring(0, 12);
      assertEquals("# TYPE up gauge\nup{hostname=\"" + hostname + "\"} 1\n", body, target.toString());
    }
    SwarmDiscovery discovery = SwarmTargets.discover(engine.snapshot());
    assertEquals(2, discovery.workloads().get(0).runningTasks());
    assertEquals(List.of(), discovery.problems());
  }

  @Test
  @Order(2)
  void scalingAddsAReplicaWithoutRestartingTheOthers() throws Exception {
    awaitTargets(2);
    Set<String> before = runningTaskIds();

    ScaleResult result = engine.scaleService(SERVICE, 3);
    assertEquals(2, result.previousReplicas());
    assertEquals(3, result.replicas());
    assertTrue(result.changed());

    List<ScrapeTarget> targets = awaitTargets(3);
    assertTrue(runningTaskIds().containsAll(before), "scaling replaced running tasks: before " + before + ", after " + runningTaskIds());
    JsonNode service = engine.get("/services/" + SERVICE);
    assertEquals(3, service.path("Spec").path("Mode").path("Replicated").path("Replicas").asInt());
    assertTrue(service.path("UpdateStatus").isMissingNode(), "scaling started a rolling update: " + service.path("UpdateStatus"));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (ScrapeTarget target : targets) {
      assertTrue(fetch(http, target).contains(target.labels().get("container_id").substring(0, 12)), target.toString());
    }
    assertEquals(false, engine.scaleService(SERVICE, 3).changed());
  }

  @Test
  @Order(3)
  void theEngineRefusesAStaleVersionAndTheClientSeesAConflict() throws Exception {
    JsonNode service = engine.get("/services/" + SERVICE);
    long stale = service.path("Version").path("Index").asLong();
    // Another writer changes a service label (which restarts nothing) and so moves the version on.
    docker("service", "update", "--detach", "--label-add", "plimsoll.test/touched=1", SERVICE);
    byte[] spec = new ObjectMapper().writeValueAsBytes(service.path("Spec"));
    var e = assertThrows(DockerApiException.class,
        () -> engine.call("POST", "/v" + engine.apiVersion() + "/services/" + service.path("ID").asText() + "/update?version=" + stale, spec));
    assertTrue(e.isVersionConflict(), e.getMessage());

    // scaleService reads afresh, so the same race costs it nothing.
    ScaleResult result = engine.scaleService(SERVICE, 2);
    assertEquals(3, result.previousReplicas());
    awaitTargets(2);
  }

  @Test
  @Order(4)
  void globalServicesAndUnknownServicesAreClearErrors() throws Exception {
    docker("service", "create", "--detach", "--name", "agent", "--mode", "global", IMAGE, "/bin/busybox", "sleep", "600");
    var notScalable = assertThrows(ServiceNotScalableException.class, () -> engine.scaleService("agent", 2));
    assertEquals("Global", notScalable.mode());
    var missing = assertThrows(DockerApiException.class, () -> engine.scaleService("no-such-service", 2));
    assertTrue(missing.isNotFound(), missing.getMessage());
    assertTrue(missing.engineMessage().contains("no-such-service"), missing.engineMessage());
  }

  private static List<ScrapeTarget> awaitTargets(int count) {
    List<List<ScrapeTarget>> last = new ArrayList<>(List.of(List.of()));
    await(count + " scrape targets", WAIT, () -> {
      SwarmDiscovery discovery = SwarmTargets.discover(engine.snapshot());
      List<ScrapeTarget> targets = discovery.targets().stream().filter(t -> t.labels().get("service_name").equals(SERVICE)).toList();
      last.set(0, targets);
      return targets.size() == count && discovery.workloads().stream().allMatch(w -> w.serviceName().equals("agent") || w.runningTasks() == count);
    });
    return last.get(0).stream().sorted(Comparator.comparing(ScrapeTarget::replica)).toList();
  }

  private static Set<String> runningTaskIds() {
    return engine.tasks(Map.of("service", List.of(SERVICE))).stream().filter(SwarmTask::isRunning).map(SwarmTask::id).collect(Collectors.toSet());
  }

  /** A just-started httpd may refuse the first connection; retry within the wait. */
  private static String fetch(HttpClient http, ScrapeTarget target) {
    String[] body = {null};
    await("a 200 from " + target.url(), Duration.ofSeconds(20), () -> {
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(target.url()).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        body[0] = response.body();
        return response.statusCode() == 200;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    });
    return body[0];
  }

  private static void await(String what, Duration limit, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("waited " + limit.toSeconds() + " s for " + what + "\n" + logTail());
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static String docker(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(docker, "-H", socketUri));
    command.addAll(List.of(args));
    return run(command);
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    // Bounded: a stuck CLI fails the test instead of hanging it.
    if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("timed out: " + String.join(" ", command));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      fail(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + output);
    }
    return output;
  }

  private static Optional<Path> executable(String name) {
    List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
    dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/bin"));
    return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
  }

  /** True when the ELF file has no PT_INTERP program header, i.e. needs no dynamic loader (64-bit little-endian only). */
  private static boolean isStatic(Path elf) throws IOException {
    byte[] header = new byte[64];
    try (InputStream in = Files.newInputStream(elf)) {
      if (in.readNBytes(header, 0, 64) < 64 || header[0] != 0x7f || header[1] != 'E' || header[4] != 2 || header[5] != 1) {
        return false;
      }
      ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
      long phoff = h.getLong(32);
      int phentsize = Short.toUnsignedInt(h.getShort(54));
      int phnum = Short.toUnsignedInt(h.getShort(56));
      in.skipNBytes(phoff - 64);
      for (int i = 0; i < phnum; i++) {
        byte[] ph = in.readNBytes(phentsize);
        if (ByteBuffer.wrap(ph).order(ByteOrder.LITTLE_ENDIAN).getInt(0) == 3) { // PT_INTERP
          return false;
        }
      }
      return true;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String logTail() {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("dockerd.log"));
      return "--- dockerd.log (last 20 lines) ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException | RuntimeException e) {
      return "(no dockerd log)";
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // best effort: a path still mounted by a dead daemon is left for the OS's tmp cleaner
        }
      });
    } catch (IOException e) {
      System.err.println("could not delete " + root + ": " + e.getMessage());
    }
  }
}
