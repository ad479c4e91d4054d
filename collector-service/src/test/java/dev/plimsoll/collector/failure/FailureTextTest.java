package dev.plimsoll.collector.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plain JUnit: the API never shows a class name or a message-less exception. */
class FailureTextTest {
  private static final Map<String, Supplier<Throwable>> FAILURES = Map.ofEntries(
      Map.entry("timeout", TimeoutException::new),
      Map.entry("timeout with message", () -> new TimeoutException("The timeout period of 800ms has been exceeded while executing GET")),
      Map.entry("socket timeout", SocketTimeoutException::new),
      Map.entry("refused", ConnectException::new),
      Map.entry("refused with message", () -> new ConnectException("Connection refused: /127.0.0.1:9")),
      Map.entry("no route", NoRouteToHostException::new),
      Map.entry("unknown host", UnknownHostException::new),
      Map.entry("tls", () -> new SSLHandshakeException(null)),
      Map.entry("closed channel", ClosedChannelException::new),
      Map.entry("eof", EOFException::new),
      Map.entry("socket", SocketException::new),
      Map.entry("io", IOException::new),
      Map.entry("npe", NullPointerException::new),
      Map.entry("blank message", () -> new IllegalStateException("  ")),
      Map.entry("message", () -> new IllegalStateException(" HTTP 500 Internal Server Error ")),
      Map.entry("wrapped refused", () -> new RuntimeException(new ConnectException())),
      Map.entry("completion wrapping refused", () -> new CompletionException("java.net.ConnectException", new ConnectException())),
      Map.entry("execution wrapping timeout", () -> new ExecutionException(new TimeoutException())),
      Map.entry("wrapper with its own message", () -> new IllegalStateException("discovery failed", new ConnectException())));

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # failure                       | text
      timeout                         | timed out after 800 ms
      timeout with message            | timed out after 800 ms
      socket timeout                  | timed out after 800 ms
      refused                         | connection refused
      refused with message            | Connection refused: /127.0.0.1:9
      no route                        | no route to host
      unknown host                    | unknown host
      tls                             | TLS handshake or record failed
      closed channel                  | connection closed before the response was complete
      eof                             | connection closed before the response was complete
      socket                          | connection failed
      io                              | I/O error
      npe                             | failed without an error message
      blank message                   | failed without an error message
      message                         | HTTP 500 Internal Server Error
      wrapped refused                 | connection refused
      completion wrapping refused     | connection refused
      execution wrapping timeout      | timed out after 800 ms
      wrapper with its own message    | discovery failed
      """)
  void describesEveryFailureInWords(String failure, String text) {
    assertEquals(text, FailureText.describe(FAILURES.get(failure).get(), Duration.ofMillis(800)));
  }
}
