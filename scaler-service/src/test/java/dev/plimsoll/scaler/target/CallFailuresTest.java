package dev.plimsoll.scaler.target;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonParseException;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import jakarta.ws.rs.ProcessingException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The phrases API texts get for failed calls, from failures shaped like the REST client's: never a class name. */
class CallFailuresTest {

  private static final String URL = "http://127.0.0.1:8090";

  /** A failure like the one the REST client reports in each case (wrappers write "ClassName: message"). */
  private static Throwable failure(String kind) {
    return switch (kind) {
      case "refused" -> new ProcessingException(new ConnectException("Connection refused: /127.0.0.1:8090"));
      case "connect-timeout" -> new ProcessingException(new ConnectTimeoutException("connection timed out after 1000 ms: /127.0.0.1:8090"));
      case "unknown-host" -> new ProcessingException(new UnknownHostException("simulator.invalid"));
      case "read-timeout" -> new ProcessingException(new NoStackTraceTimeoutException(
          "The timeout period of 2000ms has been exceeded while executing GET /api/v1/fleets/chat/scale"));
      case "bare-timeout" -> new RuntimeException(new TimeoutException());
      case "closed" -> new ProcessingException(new HttpClosedException("Connection was closed"));
      case "bad-json" -> new ProcessingException(new JsonParseException(null, "Unexpected character ('<' (code 60))"));
      case "no-message" -> new RuntimeException();
      case "npe" -> new ProcessingException(new NullPointerException());
      case "type-named" -> new IllegalStateException("Cannot deserialize value of type `java.lang.Integer` from String");
      default -> throw new IllegalArgumentException(kind);
    };
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # failure       | phrase
      refused         | connection refused by http://127.0.0.1:8090
      connect-timeout | could not connect to http://127.0.0.1:8090 in time
      unknown-host    | unknown host in http://127.0.0.1:8090
      read-timeout    | simulator did not answer within 2 s
      bare-timeout    | simulator did not answer within 2 s
      bad-json        | simulator answered with a body that is not the expected JSON
      closed          | the call to http://127.0.0.1:8090 failed: Connection was closed
      no-message      | the call to http://127.0.0.1:8090 failed without a reason
      npe             | the call to http://127.0.0.1:8090 failed without a reason
      type-named      | the call to http://127.0.0.1:8090 failed without a reason
      """)
  void describesFailuresInWords(String kind, String phrase) {
    assertEquals(phrase, CallFailures.describe(failure(kind), "simulator", URL, Duration.ofMillis(2000)));
  }

  @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      # message                                                    | readable
      Connection was closed                                        | Connection was closed
      io.vertx.core.http.HttpClosedException: Connection was closed | Connection was closed
      java.lang.RuntimeException: java.net.SocketException: reset  | reset
      java.lang.IllegalStateException                              | null
      value of type `java.lang.Integer` expected                   | null
      '   '                                                        | null
      null                                                         | null
      """)
  void readableDropsClassNames(String message, String readable) {
    assertEquals(readable, CallFailures.readable(message));
  }

  @ParameterizedTest(name = "{0} ms = {1}")
  @CsvSource({"2000, 2 s", "1500, 1.5 s", "250, 0.25 s"})
  void seconds(long millis, String text) {
    assertEquals(text, CallFailures.seconds(Duration.ofMillis(millis)));
  }
}
