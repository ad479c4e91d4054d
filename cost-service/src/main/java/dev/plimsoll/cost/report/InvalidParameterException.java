package dev.plimsoll.cost.report;

/** A request parameter that cannot be used; becomes a 400 validation problem naming the parameter. */
public class InvalidParameterException extends RuntimeException {
  private final String parameter;

  public InvalidParameterException(String parameter, String message) {
    super(message);
    this.parameter = parameter;
  }

  public String parameter() {
    return parameter;
  }

  /**
   * An ISO-8601 instant parameter: {@code absent} when it is not given; refused unless it lies between the epoch and
   * {@code latest} (said as {@code latestSaid}, e.g. "now").
   */
  public static java.time.Instant instant(String parameter, String text, java.time.Instant absent, java.time.Instant latest,
      String latestSaid) {
    if (text == null || text.isBlank()) {
      return absent;
    }
    java.time.Instant at;
    try {
      at = java.time.Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw new InvalidParameterException(parameter, "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
    }
    if (at.isBefore(java.time.Instant.EPOCH) || at.isAfter(latest)) {
      throw new InvalidParameterException(parameter, "must lie between 1970-01-01T00:00:00Z and " + latestSaid + " (" + latest + ")");
    }
    return at;
  }
}
