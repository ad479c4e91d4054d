package dev.plimsoll.scaler.web;

/**
 * An expected failure of a request that becomes one RFC 9457 problem ({@code https://plimsoll.dev/problems/<kind>}).
 * Thrown by resources; mapped once by {@link ProblemMappers}. The message is the problem's {@code detail}, for humans.
 */
public class ProblemException extends RuntimeException {

  private final int status;
  private final String kind;
  private final String title;

  public ProblemException(int status, String kind, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.kind = kind;
    this.title = title;
  }

  /** 404: the named resource does not exist. */
  public static ProblemException notFound(String kind, String title, String detail) {
    return new ProblemException(404, kind, title, detail);
  }

  /** 409: the request conflicts with the current state. */
  public static ProblemException conflict(String kind, String title, String detail) {
    return new ProblemException(409, kind, title, detail);
  }

  public int status() {
    return status;
  }

  public String kind() {
    return kind;
  }

  public String title() {
    return title;
  }
}
