package dev.plimsoll.gateway.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Probe failures become fixed phrases: never a class name or a raw exception text. */
class ServiceProberDescribeTest {

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(new ConnectException("Connection refused: /127.0.0.1:8083"), "connection refused"),
        Arguments.of(new RuntimeException(new ConnectException()), "connection refused"),
        Arguments.of(new TimeoutException(), "no answer in time"),
        Arguments.of(new IllegalStateException("The timeout period of 2000ms has been exceeded"), "no answer in time"),
        Arguments.of(new UnknownHostException("cost"), "host name does not resolve"),
        Arguments.of(new NullPointerException(), "readiness probe failed"),
        Arguments.of(new IllegalStateException("io.vertx.core.VertxException: weird"), "readiness probe failed"));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void describes(Throwable failure, String expected) {
    assertEquals(expected, ServiceProber.describe(failure));
  }
}
