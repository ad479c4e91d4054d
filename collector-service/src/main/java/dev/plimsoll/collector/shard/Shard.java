package dev.plimsoll.collector.shard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which workloads this collector replica scrapes when several share the work: a workload belongs to
 * replica {@code md5(workload id) mod count} (the first 8 bytes of the digest as an unsigned number,
 * as Prometheus' {@code hashmod} relabelling does). Whole workloads are assigned, not single targets,
 * because a workload's signals need all its replicas' samples in one place. Stable: the same id lands
 * on the same replica on every collector, across restarts and versions.
 *
 * @param index this replica's index, from 0
 * @param count how many replicas share the work
 */
public record Shard(int index, int count) {
  /** A single collector doing all the work. */
  public static final Shard ALL = new Shard(0, 1);

  public Shard {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("shard index must be in [0, count) and count at least 1, got index " + index + " of " + count);
    }
  }

  /** Whether this replica owns the workload. */
  public boolean owns(String workload) {
    return count == 1 || of(workload, count) == index;
  }

  /** The replica index that owns a workload among {@code count}. */
  public static int of(String workload, int count) {
    byte[] digest = md5(workload);
    long value = 0;
    for (int i = 8; i < 16; i++) { // the low 8 bytes, big-endian, like Prometheus' binary.BigEndian.Uint64(sum[8:])
      value = (value << 8) | (digest[i] & 0xff);
    }
    return (int) Long.remainderUnsigned(value, count);
  }

  /**
   * The shard from configuration: an explicit index wins; otherwise the ordinal at the end of a
   * StatefulSet pod's host name ({@code collector-2} is index 2); otherwise 0.
   */
  public static Shard from(int count, Integer index, String hostname) {
    if (index != null) {
      return new Shard(index, count);
    }
    if (hostname != null) {
      int dash = hostname.lastIndexOf('-');
      if (dash >= 0 && dash < hostname.length() - 1) {
        try {
          int ordinal = Integer.parseInt(hostname.substring(dash + 1));
          if (ordinal < count) {
            return new Shard(ordinal, count);
          }
          throw new IllegalArgumentException("host name " + hostname + " gives shard " + ordinal + ", but collector.shard.count is " + count);
        } catch (NumberFormatException e) {
          // not a StatefulSet ordinal
        }
      }
    }
    return new Shard(0, count);
  }

  private static byte[] md5(String s) {
    try {
      return MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required of every Java platform", e);
    }
  }
}
