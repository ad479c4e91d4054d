package dev.plimsoll.scaler.target;

import dev.plimsoll.docker.DockerEngine;
import dev.plimsoll.docker.DockerEngineException;
import dev.plimsoll.docker.DockerHost;
import dev.plimsoll.docker.EngineOptions;
import dev.plimsoll.docker.ScaleResult;
import dev.plimsoll.docker.swarm.ServiceMode;
import dev.plimsoll.docker.swarm.SwarmService;
import dev.plimsoll.docker.swarm.SwarmTask;
import dev.plimsoll.events.WorkloadId;
import dev.plimsoll.scaler.config.ScalerConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Scales Docker Swarm services through the Engine API ({@code docker-engine}): reads the service, sets
 * {@code Spec.Mode.Replicated.Replicas}, updates it with the version index it read, and re-reads and
 * retries when another writer got in first. A service is scaled only when it opts in with the label
 * {@code plimsoll.enable=true}; {@code plimsoll.min} and {@code plimsoll.max} labels bound what the
 * scaler may set, on top of the policy. Ready replicas are the service's running tasks. The workload id is
 * {@code swarm/<stack namespace>/Service/<service name>}. Off unless {@code scaler.swarm.enabled}.
 */
@ApplicationScoped
public class SwarmScaleTarget implements ScaleTarget {
  static final String ENABLE = "plimsoll.enable";
  static final String MIN = "plimsoll.min";
  static final String MAX = "plimsoll.max";

  private final ScalerConfig.Swarm config;
  private final Vertx vertx;
  private volatile DockerEngine engine;

  public SwarmScaleTarget(ScalerConfig config, Vertx vertx) {
    this.config = config.swarm();
    this.vertx = vertx;
  }

  @Override
  public String platform() {
    return "swarm";
  }

  @Override
  public boolean enabled() {
    return config.enabled();
  }

  @Override
  public Uni<Scale> read(WorkloadId workload) {
    return vertx.executeBlocking(() -> {
      try {
        SwarmService service = optedIn(workload);
        return new Scale(replicas(service), running(service));
      } catch (DockerEngineException e) {
        throw new ActuationException("Docker Engine at " + config.host() + ": " + e.getMessage(), e,
            e instanceof dev.plimsoll.docker.DockerApiException api && api.isNotFound());
      }
    }, false);
  }

  @Override
  public Uni<Scale> scale(WorkloadId workload, int replicas) {
    return vertx.executeBlocking(() -> {
      try {
        SwarmService service = optedIn(workload);
        int bounded = bounded(service, replicas);
        ScaleResult result = engine().scaleService(service.id(), bounded);
        return new Scale(result.replicas(), running(service));
      } catch (DockerEngineException e) {
        throw new ActuationException("Docker Engine at " + config.host() + ": " + e.getMessage(), e,
            e instanceof dev.plimsoll.docker.DockerApiException api && api.isNotFound());
      }
    }, false);
  }

  private SwarmService optedIn(WorkloadId workload) {
    if (!workload.kind().equals("Service")) {
      throw new ActuationException("a Swarm workload is a Service, not a " + workload.kind() + " (" + workload + ")");
    }
    SwarmService service = engine().service(workload.name());
    // The id's namespace is the service's stack (as discovery names it): swarm/a/Service/web and swarm/b/Service/web
    // must not both scale the one service called web (each policy would hold its own lock).
    String namespace = dev.plimsoll.docker.swarm.SwarmTargets.stackNamespace(service);
    if (!namespace.equals(workload.namespace())) {
      throw new ActuationException("Swarm service " + service.name() + " is in stack namespace " + namespace + ", not " + workload.namespace()
          + " (" + workload + ")", null, true);
    }
    if (!"true".equalsIgnoreCase(service.labels().get(ENABLE))) {
      throw new ActuationException("Swarm service " + service.name() + " has not opted in: label it " + ENABLE + "=true to let Plimsoll scale it");
    }
    if (!(service.mode() instanceof ServiceMode.Replicated)) {
      throw new ActuationException("Swarm service " + service.name() + " is not replicated (" + service.mode() + "): nothing to scale");
    }
    return service;
  }

  /** The replica count within the service's own {@code plimsoll.min}/{@code plimsoll.max} labels. */
  static int bounded(SwarmService service, int replicas) {
    int min = label(service.labels(), MIN, 0);
    int max = label(service.labels(), MAX, Integer.MAX_VALUE);
    return Math.max(min, Math.min(max, replicas));
  }

  private static int label(Map<String, String> labels, String name, int fallback) {
    String v = labels.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new ActuationException("label " + name + "=" + v + " is not a whole number");
    }
  }

  private static int replicas(SwarmService service) {
    return service.mode() instanceof ServiceMode.Replicated r ? r.replicas() : 0;
  }

  private int running(SwarmService service) {
    List<SwarmTask> tasks = engine().tasks(Map.of("service", List.of(service.id()), "desired-state", List.of("running")));
    return (int) tasks.stream().filter(t -> "running".equals(t.state())).count();
  }

  private DockerEngine engine() {
    DockerEngine e = engine;
    if (e == null) {
      e = new DockerEngine(DockerHost.parse(config.host()),
          EngineOptions.DEFAULTS.withConnectTimeout(config.timeout()).withReadTimeout(config.timeout()));
      engine = e;
    }
    return e;
  }
}
