package dev.plimsoll.gpu.extender;

import dev.plimsoll.gpu.cluster.NodeGpus;
import dev.plimsoll.gpu.cluster.Placement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The extender's decisions on a pod's GPU requests and candidate nodes, without the wire format: which nodes pass,
 * which fail and may pass after a preemption (not enough free units), which fail for good, and each node's score.
 * Plain Java over {@link Placement}.
 */
public final class ExtenderDecisions {
  private ExtenderDecisions() {}

  /** A node named by the scheduler, and what this service knows of it (null: nothing). */
  public record Candidate(String name, NodeGpus node) {}

  /** The filter's outcome. */
  public record Filtered(List<String> passed, Map<String, String> failed, Map<String, String> unresolvable) {}

  public static Filtered filter(Map<String, Long> requests, List<Candidate> candidates) {
    List<String> passed = new ArrayList<>();
    Map<String, String> failed = new LinkedHashMap<>();
    Map<String, String> unresolvable = new LinkedHashMap<>();
    for (Candidate c : candidates) {
      String reason = c.node() == null ? "node " + c.name() + " is unknown to the Plimsoll GPU service" : why(requests, c.node());
      if (reason == null) {
        passed.add(c.name());
      } else if (c.node() != null && reason.contains(" free, ")) {
        failed.put(c.name(), reason); // freeing units (preemption) could help
      } else {
        unresolvable.put(c.name(), reason);
      }
    }
    return new Filtered(passed, failed, unresolvable);
  }

  /** Each candidate's score, 0..{@link Placement#MAX_SCORE}: the lowest over the pod's resources where it fits, 0 where not. */
  public static List<ExtenderMessages.HostPriority> prioritize(Map<String, Long> requests, List<Candidate> candidates) {
    List<ExtenderMessages.HostPriority> out = new ArrayList<>();
    for (Candidate c : candidates) {
      long score = 0;
      if (c.node() != null && !requests.isEmpty() && why(requests, c.node()) == null) {
        score = Placement.MAX_SCORE;
        for (Map.Entry<String, Long> e : requests.entrySet()) {
          score = Math.min(score, Placement.judge(request(e), c.node()).score());
        }
      }
      out.add(new ExtenderMessages.HostPriority(c.name(), score));
    }
    return out;
  }

  /** Why the pod does not fit on the node, or null when it does (a pod without GPU requests fits everywhere). */
  static String why(Map<String, Long> requests, NodeGpus node) {
    for (Map.Entry<String, Long> e : requests.entrySet()) {
      Placement.Verdict v = Placement.judge(request(e), node);
      if (!v.feasible()) {
        return v.reason();
      }
    }
    return null;
  }

  private static Placement.Request request(Map.Entry<String, Long> e) {
    return new Placement.Request((int) Math.min(Integer.MAX_VALUE, Math.max(1, e.getValue())), null, null, e.getKey(), null, List.of(),
        Placement.Strategy.PACK);
  }
}
