package dev.plimsoll.gpu.cluster;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An NVIDIA extended resource a node advertises and a pod requests, as the device plugin names them:
 * {@code nvidia.com/gpu} (whole GPUs; under MIG strategy {@code single} each unit is a MIG slice; with time-slicing
 * and {@code renameByDefault=false} each unit is a shared replica), {@code nvidia.com/gpu.shared} (time-sliced
 * replicas with {@code renameByDefault=true}) and {@code nvidia.com/mig-<g>g.<mem>gb} (MIG strategy {@code mixed}).
 *
 * @param name the resource name
 * @param kind what a unit of it is
 * @param migProfile the MIG profile ({@code 1g.10gb}) of a {@code nvidia.com/mig-*} resource, else null
 */
public record GpuResource(String name, Kind kind, String migProfile) {

  public static final String GPU = "nvidia.com/gpu";
  public static final String SHARED = "nvidia.com/gpu.shared";
  public static final String MIG_PREFIX = "nvidia.com/mig-";

  /** A MIG profile as the device plugin spells it: compute slices and memory, e.g. {@code 1g.10gb} or {@code 3g.40gb}. */
  private static final Pattern PROFILE = Pattern.compile("([1-8])g\\.([0-9]{1,4})gb");

  /** What one unit of a resource is. */
  public enum Kind {
    /** A whole GPU. */
    FULL("full"),
    /** A MIG slice of one profile. */
    MIG("mig"),
    /** A time-sliced (or MPS) share of a GPU. */
    SHARED("shared");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public static Optional<Kind> of(String label) {
      for (Kind k : values()) {
        if (k.label.equals(label)) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * The resource a name denotes, or empty when it is not an NVIDIA GPU resource. A {@code nvidia.com/mig-*} name
   * whose profile is not {@code <g>g.<mem>gb} is not guessed at: it is reported by {@link #unknownMigName}.
   */
  public static Optional<GpuResource> parse(String name) {
    if (GPU.equals(name)) {
      return Optional.of(new GpuResource(name, Kind.FULL, null));
    }
    if (SHARED.equals(name)) {
      return Optional.of(new GpuResource(name, Kind.SHARED, null));
    }
    if (name != null && name.startsWith(MIG_PREFIX)) {
      String profile = name.substring(MIG_PREFIX.length());
      if (PROFILE.matcher(profile).matches()) {
        return Optional.of(new GpuResource(name, Kind.MIG, profile));
      }
    }
    return Optional.empty();
  }

  /** Whether the name looks like a MIG resource but its profile cannot be read. */
  public static boolean unknownMigName(String name) {
    return name != null && name.startsWith(MIG_PREFIX) && parse(name).isEmpty();
  }

  /** Whether {@code profile} is a MIG profile name ({@code <g>g.<mem>gb}). */
  public static boolean validProfile(String profile) {
    return profile != null && PROFILE.matcher(profile).matches();
  }

  /** A profile's memory in MiB as its name states it ({@code 10gb} → 10240); the GFD label, when present, is exact. */
  public static long profileMemoryMiB(String profile) {
    Matcher m = PROFILE.matcher(profile);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a MIG profile: " + profile);
    }
    return Long.parseLong(m.group(2)) * 1024;
  }
}
