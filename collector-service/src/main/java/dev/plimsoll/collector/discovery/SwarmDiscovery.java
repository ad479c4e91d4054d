package dev.plimsoll.collector.discovery;

import dev.plimsoll.collector.config.CollectorConfig;
import dev.plimsoll.docker.DockerEngine;
import dev.plimsoll.docker.DockerEngineException;
import dev.plimsoll.docker.DockerHost;
import dev.plimsoll.docker.EngineOptions;
import dev.plimsoll.docker.swarm.SwarmTargets;
import dev.plimsoll.docker.swarm.SwarmWorkload;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Docker Swarm services that opt in with the label {@code prometheus.io/scrape=true}: one target per
 * running task, like Prometheus' {@code dockerswarm_sd} tasks role, read from the Engine API over its
 * unix socket or TCP each round (see the {@code docker-engine} module). Off unless
 * {@code collector.discovery.swarm.enabled}.
 */
@ApplicationScoped
public class SwarmDiscovery implements TargetDiscovery {
  private static final Logger LOG = Logger.getLogger(SwarmDiscovery.class);

  private final CollectorConfig config;
  private final Vertx vertx;
  private volatile DockerEngine engine;
  private volatile List<String> lastProblems = List.of();

  public SwarmDiscovery(CollectorConfig config, Vertx vertx) {
    this.config = config;
    this.vertx = vertx;
  }

  @Override
  public String name() {
    return "swarm";
  }

  @Override
  public boolean enabled() {
    return config.discovery().swarm().enabled();
  }

  @Override
  public String source() {
    return config.discovery().swarm().host();
  }

  @Override
  public Uni<DiscoveredTargets> discover() {
    return vertx.executeBlocking(() -> {
      try {
        var found = SwarmTargets.discover(engine().snapshot());
        if (!Objects.equals(found.problems(), lastProblems)) {
          found.problems().forEach(p -> LOG.warnf("swarm discovery left out: %s", p));
          lastProblems = found.problems();
        }
        Set<String> workloads = new LinkedHashSet<>();
        for (SwarmWorkload w : found.workloads()) {
          workloads.add(w.id().toString());
        }
        List<ScrapeTarget> targets = new ArrayList<>();
        for (var t : found.targets()) {
          workloads.add(t.workload().toString());
          targets.add(new ScrapeTarget(t.url().toString(), t.workload().toString(), t.replica(), t.labels(), null, null));
        }
        return new DiscoveredTargets(workloads, targets);
      } catch (DockerEngineException e) {
        throw new DiscoveryException("Docker Engine at " + source() + ": " + e.getMessage());
      }
    }, false);
  }

  private DockerEngine engine() {
    DockerEngine e = engine;
    if (e == null) {
      Duration timeout = config.discovery().timeout();
      e = new DockerEngine(DockerHost.parse(config.discovery().swarm().host()),
          EngineOptions.DEFAULTS.withConnectTimeout(timeout).withReadTimeout(timeout.multipliedBy(2)));
      engine = e;
    }
    return e;
  }
}
