package dev.plimsoll.scaler.target;

import com.fasterxml.jackson.core.JacksonException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Human phrases for a failed HTTP call to a peer, for texts the API shows (a decision's {@code error}, readiness
 * data). Never a class name or a bare {@code toString()}: exceptions without a usable message get a fixed phrase.
 */
public final class CallFailures {

  /** A leading {@code some.package.SomeException:} as {@code Throwable.toString()} and wrapping constructors write it. */
  private static final Pattern CLASS_PREFIX = Pattern.compile("^(?:[A-Za-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?::\\s*|\\s*$)");
  /** A qualified Java name anywhere in a text, e.g. {@code java.lang.Integer}. */
  private static final Pattern QUALIFIED_NAME = Pattern.compile("\\b[a-z][\\w$]*(?:\\.[a-z][\\w$]*)+\\.[A-Z][\\w$]*");
  private static final int MAX_REASON = 200;

  private CallFailures() {}

  /**
   * Why a call to {@code peer} at {@code url} failed, e.g. "connection refused by http://127.0.0.1:8090" or
   * "simulator did not answer within 2 s".
   *
   * @param answerTimeout the timeout that applies to the answer (the read timeout, or the probe's own)
   */
  public static String describe(Throwable failure, String peer, String url, Duration answerTimeout) {
    for (Throwable t = failure; t != null; t = next(t)) {
      if (t instanceof UnknownHostException) {
        return "unknown host in " + url;
      }
      if (t instanceof ConnectException) { // netty's ConnectTimeoutException is one too
        return t.getClass().getSimpleName().contains("Timeout") ? "could not connect to " + url + " in time"
            : "connection refused by " + url;
      }
      if (t instanceof TimeoutException || t instanceof SocketTimeoutException) {
        return peer + " did not answer within " + seconds(answerTimeout);
      }
      if (t instanceof JacksonException) {
        return peer + " answered with a body that is not the expected JSON";
      }
    }
    for (Throwable t = failure; t != null; t = next(t)) {
      String reason = readable(t.getMessage());
      if (reason != null) {
        return "the call to " + url + " failed: " + reason;
      }
    }
    return "the call to " + url + " failed without a reason";
  }

  /** The message without a leading class name, or null when nothing readable is left or it names a Java type. */
  static String readable(String message) {
    if (message == null) {
      return null;
    }
    String text = message.strip();
    String previous;
    do {
      previous = text;
      text = CLASS_PREFIX.matcher(text).replaceFirst("").strip();
    } while (!text.equals(previous));
    if (text.isEmpty() || QUALIFIED_NAME.matcher(text).find()) {
      return null;
    }
    return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text;
  }

  /** {@code 2 s}, {@code 1.5 s}. */
  static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
  }

  private static Throwable next(Throwable t) {
    return t.getCause() == t ? null : t.getCause();
  }
}
