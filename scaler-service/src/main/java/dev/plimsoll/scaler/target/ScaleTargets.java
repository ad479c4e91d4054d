package dev.plimsoll.scaler.target;

import dev.plimsoll.events.WorkloadId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Picks the {@link ScaleTarget} of a workload's platform among the ones deployed. */
@ApplicationScoped
public class ScaleTargets {

  private final Map<String, ScaleTarget> byPlatform;

  public ScaleTargets(@Any Instance<ScaleTarget> targets) {
    this.byPlatform = targets.stream().filter(ScaleTarget::enabled).collect(Collectors.toUnmodifiableMap(ScaleTarget::platform, Function.identity()));
  }

  /** The target for the workload's platform, or empty when this scaler has no actuator for it. */
  public Optional<ScaleTarget> forWorkload(WorkloadId workload) {
    return Optional.ofNullable(byPlatform.get(workload.platform()));
  }

  /** The platforms this scaler can act on, sorted. */
  public java.util.List<String> platforms() {
    return byPlatform.keySet().stream().sorted().toList();
  }

  /** The error recorded when {@link #forWorkload} is empty. */
  public static String noActuatorMessage(WorkloadId workload) {
    return "no actuator for platform " + workload.platform() + " yet";
  }
}
