package dev.plimsoll.collector.failure;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns the failure of an outbound HTTP call (a scrape, a discovery round) into the text the API shows
 * ({@code lastError} in {@code /api/v1/targets}, the readiness check's {@code error}): the exception's own
 * message when it has one, else a fixed human phrase for its kind; never a class name or a
 * {@code toString()} of an exception. Plain Java, so the adapters share one table of phrases.
 */
public final class FailureText {
  /** For a failure of a kind this table does not know, with no message of its own. */
  public static final String UNKNOWN = "failed without an error message";

  private FailureText() {}

  /**
   * @param failure what the call failed with
   * @param timeout the call's time limit, named when the failure is a timeout
   */
  public static String describe(Throwable failure, Duration timeout) {
    Throwable t = unwrap(failure);
    if (t instanceof TimeoutException || t instanceof InterruptedIOException) { // incl. SocketTimeoutException
      return "timed out after " + timeout.toMillis() + " ms";
    }
    String message = t.getMessage();
    if (message != null && !message.isBlank()) {
      return message.strip();
    }
    return phrase(t);
  }

  /** Wrappers whose message is only their cause's class and message give way to the cause. */
  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; depth < 10 && t.getCause() != null && t.getCause() != t; depth++) {
      boolean wrapper = t instanceof CompletionException || t instanceof ExecutionException;
      String message = t.getMessage();
      if (!wrapper && message != null && !message.isBlank() && !message.equals(t.getCause().toString())) {
        break;
      }
      t = t.getCause();
    }
    return t;
  }

  private static String phrase(Throwable t) {
    if (t instanceof ConnectException) {
      return "connection refused";
    }
    if (t instanceof NoRouteToHostException) {
      return "no route to host";
    }
    if (t instanceof UnknownHostException) {
      return "unknown host";
    }
    if (t instanceof SSLException) {
      return "TLS handshake or record failed";
    }
    if (t instanceof ClosedChannelException || t instanceof EOFException) {
      return "connection closed before the response was complete";
    }
    if (t instanceof SocketException) {
      return "connection failed";
    }
    if (t instanceof IOException) {
      return "I/O error";
    }
    return UNKNOWN;
  }
}
