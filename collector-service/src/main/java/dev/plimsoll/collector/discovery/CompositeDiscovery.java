package dev.plimsoll.collector.discovery;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every enabled discovery source, asked concurrently each round and merged: workloads are united, and
 * a URL found by two sources is scraped once (the first source wins). A source that fails keeps its
 * last good targets for the round, and the round reports which sources failed and why (readiness goes
 * DOWN naming them), so one broken source never drops the others' targets.
 */
@ApplicationScoped
public class CompositeDiscovery {
  private final List<TargetDiscovery> sources;
  private final Map<String, DiscoveredTargets> lastGood = new HashMap<>();

  public CompositeDiscovery(@Any Instance<TargetDiscovery> all) {
    List<TargetDiscovery> enabled = new ArrayList<>();
    for (TargetDiscovery d : all) {
      if (d.enabled()) {
        enabled.add(d);
      }
    }
    enabled.sort(java.util.Comparator.comparing(TargetDiscovery::name));
    this.sources = List.copyOf(enabled);
  }

  /** One round's result: the merged targets and the sources that failed, with why. */
  public record Round(DiscoveredTargets targets, Map<String, String> errors) {}

  public Uni<Round> discover() {
    if (sources.isEmpty()) {
      return Uni.createFrom().item(new Round(DiscoveredTargets.NONE, Map.of()));
    }
    List<Uni<Object[]>> asks = new ArrayList<>();
    for (TargetDiscovery d : sources) {
      asks.add(Uni.createFrom().deferred(d::discover)
          .map(t -> new Object[] {d, t, null})
          .onFailure().recoverWithItem(e -> new Object[] {d, null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()}));
    }
    return Uni.join().all(asks).andFailFast().map(this::merge);
  }

  private synchronized Round merge(List<Object[]> results) {
    Map<String, String> errors = new java.util.LinkedHashMap<>();
    Set<String> workloads = new LinkedHashSet<>();
    Set<String> urls = new LinkedHashSet<>();
    List<ScrapeTarget> targets = new ArrayList<>();
    for (Object[] r : results) {
      TargetDiscovery d = (TargetDiscovery) r[0];
      DiscoveredTargets found = (DiscoveredTargets) r[1];
      if (found == null) {
        errors.put(d.name(), (String) r[2]);
        found = lastGood.getOrDefault(d.name(), DiscoveredTargets.NONE);
      } else {
        lastGood.put(d.name(), found);
      }
      workloads.addAll(found.workloads());
      for (ScrapeTarget t : found.targets()) {
        if (urls.add(t.url())) {
          targets.add(t);
        }
      }
    }
    return new Round(new DiscoveredTargets(workloads, targets), errors);
  }

  /** Passes a listener to the sources that watch for changes. */
  public void onChange(Runnable listener) {
    sources.forEach(d -> d.onChange(listener));
  }

  /** The sources asked, for logs and readiness: {@code name (what)}. */
  public String source() {
    return sources.stream().map(d -> d.name() + " (" + d.source() + ")").collect(Collectors.joining(", "));
  }
}
