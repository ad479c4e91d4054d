package dev.plimsoll.scaling;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Time-of-day replica bounds, as AIBrix's {@code spec.schedules}: on the given days, from {@code start} to
 * {@code end} wall-clock time in {@code timeZone}, {@code minReplicas} and/or {@code maxReplicas} replace
 * the policy's. A window whose end is not after its start runs past midnight (22:00–06:00 belongs to the
 * day it starts on); start equal to end is the whole day. The end is exclusive.
 *
 * @param name for messages and the audit
 * @param days the days the window starts on; empty means every day
 * @param start wall-clock start, inclusive
 * @param end wall-clock end, exclusive
 * @param timeZone an IANA zone, for example {@code Europe/Berlin}
 * @param minReplicas the floor while the window is open, or null to keep the policy's
 * @param maxReplicas the ceiling while the window is open, or null to keep the policy's
 */
public record Schedule(String name, Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId timeZone, Integer minReplicas,
    Integer maxReplicas) {

  public Schedule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(timeZone, "timeZone");
    days = days == null || days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
    if (minReplicas == null && maxReplicas == null) {
      throw new IllegalArgumentException("schedule " + name + " sets neither minReplicas nor maxReplicas");
    }
    if (minReplicas != null && minReplicas < 0 || maxReplicas != null && maxReplicas < 1) {
      throw new IllegalArgumentException("schedule " + name + " needs minReplicas >= 0 and maxReplicas >= 1");
    }
    if (minReplicas != null && maxReplicas != null && maxReplicas < minReplicas) {
      throw new IllegalArgumentException("schedule " + name + " has maxReplicas below minReplicas");
    }
  }

  /** Whether the window is open at {@code t}. */
  public boolean covers(Instant t) {
    ZonedDateTime local = t.atZone(timeZone);
    LocalTime time = local.toLocalTime();
    DayOfWeek day = local.getDayOfWeek();
    if (start.equals(end)) {
      return days.contains(day);
    }
    if (start.isBefore(end)) {
      return days.contains(day) && !time.isBefore(start) && time.isBefore(end);
    }
    // Past midnight: the evening part belongs to today, the morning part to yesterday's window.
    return days.contains(day) && !time.isBefore(start) || days.contains(day.minus(1)) && time.isBefore(end);
  }

  /**
   * Whether two windows are ever open at once: checked minute by minute over a week in January and a week in
   * July (both sides of daylight saving time in either hemisphere), so windows in different zones are compared
   * too.
   */
  public static boolean overlap(Schedule a, Schedule b) {
    for (Instant from : new Instant[] {Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-07-01T00:00:00Z")}) {
      for (int minute = 0; minute < 8 * 24 * 60; minute++) {
        Instant t = from.plusSeconds(minute * 60L);
        if (a.covers(t) && b.covers(t)) {
          return true;
        }
      }
    }
    return false;
  }
}
