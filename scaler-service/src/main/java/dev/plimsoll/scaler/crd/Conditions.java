package dev.plimsoll.scaler.crd;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Kubernetes status conditions ({@code type}, {@code status} True/False/Unknown, {@code reason}, {@code message},
 * {@code lastTransitionTime}), merged as controllers do: a condition keeps its transition time while its status
 * stays the same; conditions not updated are kept. Plain Java on the JSON-shaped maps a resource's status holds.
 */
public final class Conditions {
  private Conditions() {}

  /** One condition to set. */
  public record Condition(String type, boolean status, String reason, String message) {
    public Condition {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(reason, "reason");
      message = message == null ? "" : message;
    }

    String statusText() {
      return status ? "True" : "False";
    }
  }

  /** {@code old} with each update applied, in the order of {@code old} and then the new types. */
  public static List<Map<String, Object>> merge(List<?> old, List<Condition> updates, Instant now, Long observedGeneration) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (old != null) {
      for (Object o : old) {
        if (o instanceof Map<?, ?> m && m.get("type") != null) {
          Map<String, Object> copy = new LinkedHashMap<>();
          m.forEach((k, v) -> copy.put(String.valueOf(k), v));
          out.add(copy);
        }
      }
    }
    for (Condition c : updates) {
      Map<String, Object> existing = null;
      for (Map<String, Object> m : out) {
        if (c.type().equals(m.get("type"))) {
          existing = m;
        }
      }
      Map<String, Object> next = new LinkedHashMap<>();
      next.put("type", c.type());
      next.put("status", c.statusText());
      next.put("reason", c.reason());
      next.put("message", c.message());
      boolean same = existing != null && c.statusText().equals(existing.get("status")) && existing.get("lastTransitionTime") != null;
      next.put("lastTransitionTime", same ? existing.get("lastTransitionTime") : now.toString());
      if (observedGeneration != null) {
        next.put("observedGeneration", observedGeneration);
      }
      if (existing == null) {
        out.add(next);
      } else {
        out.set(out.indexOf(existing), next);
      }
    }
    return out;
  }

  /** Whether applying {@code updates} would change anything but times. */
  public static boolean changes(List<?> old, List<Condition> updates) {
    for (Condition c : updates) {
      boolean found = false;
      if (old != null) {
        for (Object o : old) {
          if (o instanceof Map<?, ?> m && c.type().equals(m.get("type"))) {
            found = c.statusText().equals(m.get("status")) && c.reason().equals(m.get("reason")) && c.message().equals(m.get("message"));
          }
        }
      }
      if (!found) {
        return true;
      }
    }
    return false;
  }
}
