package dev.plimsoll.collector.discovery;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.collector.config.CollectorConfig;
import dev.plimsoll.collector.statictarget.StaticTargetGroup;
import dev.plimsoll.collector.statictarget.StaticTargetStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Static targets: the groups of {@code collector.discovery.static.file} (Prometheus' {@code file_sd}
 * JSON, read again every round, so edits apply without a restart) and the targets added over REST
 * ({@code /api/v1/static-targets}, kept in PostgreSQL).
 */
@ApplicationScoped
public class StaticDiscovery implements TargetDiscovery {
  private static final TypeReference<List<StaticTargetGroup>> GROUPS = new TypeReference<>() {};

  private final Optional<String> file;
  private final StaticTargetStore store;
  private final ObjectMapper mapper;
  private final Vertx vertx;

  public StaticDiscovery(CollectorConfig config, StaticTargetStore store, ObjectMapper mapper, Vertx vertx) {
    this.file = config.discovery().staticFile();
    this.store = store;
    this.mapper = mapper;
    this.vertx = vertx;
  }

  @Override
  public String name() {
    return "static";
  }

  @Override
  public String source() {
    return file.map(f -> f + " and ").orElse("") + "/api/v1/static-targets";
  }

  @Override
  public Uni<DiscoveredTargets> discover() {
    Uni<List<ScrapeTarget>> fromFile = file.isEmpty() ? Uni.createFrom().item(List.<ScrapeTarget>of())
        : vertx.executeBlocking(() -> readFile(Path.of(file.get())), false);
    return Uni.combine().all().unis(fromFile, store.targets()).with((fileTargets, stored) -> {
      List<ScrapeTarget> targets = new ArrayList<>(fileTargets);
      targets.addAll(stored);
      Set<String> workloads = new LinkedHashSet<>();
      Set<String> urls = new LinkedHashSet<>();
      List<ScrapeTarget> unique = new ArrayList<>();
      for (ScrapeTarget t : targets) {
        if (urls.add(t.url())) {
          unique.add(t);
          workloads.add(t.workload());
        }
      }
      return new DiscoveredTargets(workloads, unique);
    }).onFailure(e -> !(e instanceof DiscoveryException))
        .transform(e -> new DiscoveryException("static targets: " + e.getMessage()));
  }

  private List<ScrapeTarget> readFile(Path path) {
    try {
      List<StaticTargetGroup> groups = mapper.readValue(Files.readAllBytes(path), GROUPS);
      List<ScrapeTarget> out = new ArrayList<>();
      int i = 0;
      for (StaticTargetGroup g : groups == null ? List.<StaticTargetGroup>of() : groups) {
        try {
          out.addAll(g.toTargets());
        } catch (IllegalArgumentException e) {
          throw new DiscoveryException(path + ": group " + i + ": " + e.getMessage());
        }
        i++;
      }
      return out;
    } catch (NoSuchFileException e) {
      throw new DiscoveryException(path + ": no such file (collector.discovery.static.file)");
    } catch (IOException e) {
      throw new DiscoveryException(path + ": not a list of {\"targets\": [...], \"labels\": {...}} groups: "
          + e.getMessage().lines().findFirst().orElse(""));
    }
  }
}
