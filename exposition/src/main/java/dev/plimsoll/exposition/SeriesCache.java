package dev.plimsoll.exposition;

import java.util.Arrays;

/**
 * The series one target exposed lately, keyed by the exact bytes of their {@code name{labels}} text,
 * so that the next scrape finds a repeated series by one hash and one byte comparison instead of
 * parsing and sorting its labels again (the same idea as Prometheus' scrape cache).
 *
 * <p>Bounded: it holds at most {@code capacity} entries; a series that would exceed it is parsed but
 * not cached. After each scrape, {@link #endScrape()} forgets the entries that scrape did not use once
 * they are more than half of the cache, so series that disappear do not pile up. Not thread-safe: one
 * cache belongs to one target, scraped by one thread at a time.
 */
public final class SeriesCache {
  private final int capacity;
  private byte[][] keys;
  private int[] hashes;
  private Series[] values;
  private long[] lastUsed;
  private int size;
  private long generation = 1;
  private int usedThisScrape;
  private ExpositionFormat format;

  /** @param capacity the most series kept (for example the per-target series limit) */
  public SeriesCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
    allocate(16);
  }

  private void allocate(int slots) {
    keys = new byte[slots][];
    hashes = new int[slots];
    values = new Series[slots];
    lastUsed = new long[slots];
    size = 0;
  }

  /**
   * Sets the format of the next body; a change forgets everything, because a series text valid in one
   * format need not be valid in the other.
   */
  void useFormat(ExpositionFormat next) {
    if (format != next) {
      format = next;
      allocate(16);
    }
  }

  /** The cached series whose key is {@code buf[from, to)} with the given hash, or null. Marks it used. */
  Series get(byte[] buf, int from, int to, int hash) {
    int mask = keys.length - 1;
    for (int i = mix(hash) & mask; ; i = (i + 1) & mask) {
      byte[] key = keys[i];
      if (key == null) {
        return null;
      }
      if (hashes[i] == hash && Arrays.equals(key, 0, key.length, buf, from, to)) {
        if (lastUsed[i] != generation) {
          lastUsed[i] = generation;
          usedThisScrape++;
        }
        return values[i];
      }
    }
  }

  /** Remembers a series under a copy of {@code buf[from, to)}, unless the cache is full. */
  void put(byte[] buf, int from, int to, int hash, Series series) {
    if (size >= capacity) {
      return;
    }
    if ((size + 1) * 2 > keys.length) {
      rehash(keys.length * 2);
    }
    insert(Arrays.copyOfRange(buf, from, to), hash, series, generation);
    usedThisScrape++;
  }

  private void insert(byte[] key, int hash, Series series, long used) {
    int mask = keys.length - 1;
    int i = mix(hash) & mask;
    while (keys[i] != null) {
      i = (i + 1) & mask;
    }
    keys[i] = key;
    hashes[i] = hash;
    values[i] = series;
    lastUsed[i] = used;
    size++;
  }

  private void rehash(int slots) {
    byte[][] oldKeys = keys;
    int[] oldHashes = hashes;
    Series[] oldValues = values;
    long[] oldUsed = lastUsed;
    allocate(slots);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        insert(oldKeys[i], oldHashes[i], oldValues[i], oldUsed[i]);
      }
    }
  }

  /** Ends a scrape: when most entries went unused, drops the unused ones. */
  public void endScrape() {
    if (usedThisScrape * 2 < size) {
      byte[][] oldKeys = keys;
      int[] oldHashes = hashes;
      Series[] oldValues = values;
      long[] oldUsed = lastUsed;
      int slots = 16;
      while (slots < usedThisScrape * 2 + 2) {
        slots <<= 1;
      }
      allocate(slots);
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldKeys[i] != null && oldUsed[i] == generation) {
          insert(oldKeys[i], oldHashes[i], oldValues[i], oldUsed[i]);
        }
      }
    }
    generation++;
    usedThisScrape = 0;
  }

  /** How many series are cached. */
  public int size() {
    return size;
  }

  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    return h ^ (h >>> 13);
  }
}
