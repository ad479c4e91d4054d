package dev.plimsoll.docker;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plimsoll.docker.swarm.SwarmJson;
import dev.plimsoll.docker.swarm.SwarmNode;
import dev.plimsoll.docker.swarm.SwarmService;
import dev.plimsoll.docker.swarm.SwarmSnapshot;
import dev.plimsoll.docker.swarm.SwarmTask;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A blocking Docker Engine API client for what Plimsoll needs from a Swarm manager: list services, tasks and nodes,
 * and set a replicated service's replica count.
 *
 * <p>Thread-safe: each call opens its own connection (see {@link EngineTransport}) and the only shared state is
 * the negotiated API version. Calls block for at most the connect timeout plus the read timeout of
 * {@link EngineOptions}, so run them off an event loop (a worker thread or a virtual thread). Every failure is a
 * {@link DockerEngineException}.
 *
 * <p>API version: unless {@link EngineOptions#apiVersion()} fixes one, the first call asks {@code GET /version}
 * and then uses paths like {@code /v1.41/services} with the daemon's version capped at {@link #MAX_API_VERSION}.
 * Negotiating, rather than pinning an old version, matters because Engine 29 refuses versions below 1.44.
 */
public final class DockerEngine {

  /** The newest API version this client was written against; the fields it reads have been stable since 1.24. */
  public static final String MAX_API_VERSION = "1.51";
  /** The oldest API version with everything used here (service update {@code version}, task filters). */
  public static final String MIN_API_VERSION = "1.24";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DockerHost host;
  private final EngineTransport transport;
  private volatile String apiVersion;

  public DockerEngine(DockerHost host, EngineOptions options) {
    this.host = Objects.requireNonNull(host, "host");
    this.transport = new EngineTransport(host, Objects.requireNonNull(options, "options"));
    this.apiVersion = options.apiVersion().orElse(null);
  }

  /** A client for {@code DOCKER_HOST} (or the default socket) with default options. */
  public static DockerEngine fromEnvironment() {
    return new DockerEngine(DockerHost.fromEnvironment(System.getenv()), EngineOptions.DEFAULTS);
  }

  public DockerHost host() {
    return host;
  }

  /** {@code GET /version}, unversioned so it works whatever the daemon's version range. */
  public EngineVersion version() {
    JsonNode v = call("GET", "/version", null);
    return new EngineVersion(v.path("Version").asText(""), v.path("ApiVersion").asText(""), v.path("MinAPIVersion").asText(""),
        v.path("Os").asText(""), v.path("Arch").asText(""));
  }

  /** The API version used in request paths, negotiated on first use. */
  public String apiVersion() {
    String version = apiVersion;
    if (version == null) {
      EngineVersion daemon = version();
      ApiVersion daemonMax;
      try {
        daemonMax = ApiVersion.parse(daemon.apiVersion());
      } catch (IllegalArgumentException e) {
        throw new DockerEngineException.Protocol("Docker Engine at " + host + " reports an unreadable ApiVersion '" + daemon.apiVersion() + "'", e);
      }
      if (daemonMax.compareTo(ApiVersion.parse(MIN_API_VERSION)) < 0) {
        throw new DockerEngineException.Protocol("Docker Engine at " + host + " speaks API " + daemonMax + ", older than the " + MIN_API_VERSION + " this client needs", null);
      }
      version = ApiVersion.min(daemonMax, ApiVersion.parse(MAX_API_VERSION)).toString();
      apiVersion = version; // a race computes the same value twice, which is harmless
    }
    return version;
  }

  /** {@code GET /services}: every service in the swarm. */
  public List<SwarmService> services() {
    return read(get("/services"), SwarmJson::services);
  }

  /** {@code GET /services/{id}}: one service by id or name; a missing one is a {@link DockerApiException} 404. */
  public SwarmService service(String idOrName) {
    return read(get("/services/" + segment(idOrName)), SwarmJson::service);
  }

  /** {@code GET /tasks}: every task the managers remember, including stopped ones. */
  public List<SwarmTask> tasks() {
    return tasks(Map.of());
  }

  /**
   * {@code GET /tasks?filters=...}, with the Engine's filters, e.g. {@code Map.of("service", List.of("web"),
   * "desired-state", List.of("running"))}. Filter names: {@code desired-state}, {@code id}, {@code label},
   * {@code name}, {@code node}, {@code service}.
   */
  public List<SwarmTask> tasks(Map<String, List<String>> filters) {
    return read(get("/tasks" + filterQuery(filters)), SwarmJson::tasks);
  }

  /** {@code GET /nodes}. */
  public List<SwarmNode> nodes() {
    return read(get("/nodes"), SwarmJson::nodes);
  }

  /**
   * Services, tasks meant to be running, and nodes: what {@link dev.plimsoll.docker.swarm.SwarmTargets#discover}
   * needs. Three calls, so not atomic: a task may name a service or node that appeared in between, and discovery
   * tolerates that.
   */
  public SwarmSnapshot snapshot() {
    List<SwarmService> services = services();
    List<SwarmTask> tasks = tasks(Map.of("desired-state", List.of("running")));
    return new SwarmSnapshot(services, tasks, nodes());
  }

  /**
   * Sets a replicated service's replica count: read the service, change {@code Spec.Mode.Replicated.Replicas},
   * and post the whole spec back with the {@code Version.Index} that was read. If another writer got in between,
   * the Engine refuses the stale version and this re-reads and tries again, up to
   * {@link EngineOptions#scaleAttempts()} times.
   *
   * <p>The service is read <em>without</em> {@code insertDefaults}, the way {@code docker service scale} does.
   * Posting back a spec with the defaults filled in changes the task template of a service created without
   * them (StopGracePeriod, RestartPolicy...), and the Engine then rolls every running replica: seen on Engine 20.10,
   * where scaling 2 -> 3 that way replaced both running tasks. Scaling must only add or remove replicas.
   *
   * @throws ServiceNotScalableException for global services and jobs
   * @throws ScaleConflictException      when every attempt lost a race
   * @throws DockerApiException          for other refusals, e.g. 404 for an unknown service
   */
  public ScaleResult scaleService(String idOrName, int replicas) {
    if (replicas < 0) {
      throw new IllegalArgumentException("replicas " + replicas + " is negative");
    }
    int attempts = transport.options().scaleAttempts();
    DockerApiException conflict = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      JsonNode service = get("/services/" + segment(idOrName));
      String id = service.path("ID").asText("");
      String name = service.path("Spec").path("Name").asText(idOrName);
      JsonNode mode = service.path("Spec").path("Mode");
      if (!(mode.path("Replicated") instanceof ObjectNode replicated) || !(service.path("Spec") instanceof ObjectNode spec)) {
        var names = mode.fieldNames();
        throw new ServiceNotScalableException(name, names.hasNext() ? names.next() : "unknown");
      }
      int previous = replicated.path("Replicas").asInt(0);
      if (previous == replicas) {
        return new ScaleResult(id, name, previous, replicas, false, attempt, List.of());
      }
      replicated.put("Replicas", replicas);
      long version = service.path("Version").path("Index").asLong(-1);
      if (version < 0) {
        throw new DockerEngineException.Protocol("service " + name + " has no Version.Index to update against", null);
      }
      try {
        JsonNode response = call("POST", versioned("/services/" + segment(id) + "/update?version=" + version), bytes(spec));
        List<String> warnings = new ArrayList<>();
        response.path("Warnings").forEach(w -> warnings.add(w.asText()));
        return new ScaleResult(id, name, previous, replicas, true, attempt, warnings);
      } catch (DockerApiException e) {
        if (!e.isVersionConflict()) {
          throw e;
        }
        conflict = e;
      }
    }
    throw new ScaleConflictException(idOrName, attempts, conflict);
  }

  /** {@code GET} on a versioned API path such as {@code /info}; for what the typed methods do not cover. */
  public JsonNode get(String path) {
    return call("GET", versioned(path), null);
  }

  private String versioned(String path) {
    return "/v" + apiVersion() + path;
  }

  /** One exchange: non-2xx becomes {@link DockerApiException}, a body that is not JSON a protocol error. */
  JsonNode call(String method, String pathAndQuery, byte[] body) {
    String request = method + " " + pathAndQuery;
    HttpResponseReader.Response response = transport.exchange(method, pathAndQuery, body);
    if (response.status() < 200 || response.status() > 299) {
      throw new DockerApiException(response.status(), engineMessage(response), request);
    }
    if (response.body().length == 0) {
      return JSON.missingNode();
    }
    try {
      return JSON.readTree(response.body());
    } catch (JacksonException e) {
      throw new DockerEngineException.Protocol("Docker Engine at " + host + " answered " + request + " with a body that is not JSON: " + e.getOriginalMessage(), e);
    } catch (java.io.IOException e) {
      throw new DockerEngineException.Protocol("cannot read the JSON answer to " + request + ": " + e.getMessage(), e);
    }
  }

  private <T> T read(JsonNode document, Function<JsonNode, T> reader) {
    try {
      return reader.apply(document);
    } catch (IllegalArgumentException e) {
      throw new DockerEngineException.Protocol("unexpected JSON from Docker Engine at " + host + ": " + e.getMessage(), e);
    }
  }

  /** The Engine's {@code {"message": "..."}}, or the start of whatever else it sent. */
  private static String engineMessage(HttpResponseReader.Response response) {
    String text = new String(response.body(), StandardCharsets.UTF_8).strip();
    try {
      JsonNode message = JSON.readTree(text).path("message");
      if (message.isTextual()) {
        return message.asText();
      }
    } catch (Exception e) {
      // not JSON: fall through to the raw text
    }
    if (text.isEmpty()) {
      return response.reason().isEmpty() ? "(no message)" : response.reason();
    }
    return text.length() > 500 ? text.substring(0, 500) + "..." : text;
  }

  private static String filterQuery(Map<String, List<String>> filters) {
    if (filters.isEmpty()) {
      return "";
    }
    try {
      // The Engine's filter format: {"name":["value",...]}; sorted so requests are reproducible.
      return "?filters=" + URLEncoder.encode(JSON.writeValueAsString(new TreeMap<>(filters)), StandardCharsets.UTF_8);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("filters cannot be written as JSON", e);
    }
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JacksonException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String segment(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("service id or name is empty");
    }
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
