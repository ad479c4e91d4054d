package dev.plimsoll.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerHostTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # DOCKER_HOST                       | parsed as
      unix:///var/run/docker.sock          | unix:///var/run/docker.sock
      unix:///tmp/plimsoll-dockerd-x/d.sock | unix:///tmp/plimsoll-dockerd-x/d.sock
      tcp://swarm-manager:2375             | tcp://swarm-manager:2375
      tcp://10.0.0.5                       | tcp://10.0.0.5:2375
      http://127.0.0.1:2376                | tcp://127.0.0.1:2376
      tcp://[::1]:2375                     | tcp://[::1]:2375
      TCP://Manager:2375/                  | tcp://Manager:2375
      """)
  void parses(String text, String expected) {
    assertEquals(expected, DockerHost.parse(text).toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # DOCKER_HOST                 | message contains
      ''                             | empty
      /var/run/docker.sock           | no scheme
      unix://var/run/docker.sock     | absolute socket path
      https://manager:2376           | TLS
      ssh://user@manager             | not supported
      npipe:////./pipe/docker_engine | not supported
      tcp://manager:99999            | not in 1..65535
      tcp://manager:2375/v1.41       | path
      """)
  void refuses(String text, String message) {
    var e = assertThrows(IllegalArgumentException.class, () -> DockerHost.parse(text));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                      | DOCKER_HOST         | DOCKER_TLS_VERIFY | host
      unset means the local socket | ''                  | ''                | unix:///var/run/docker.sock
      set                          | tcp://manager:2375  | ''                | tcp://manager:2375
      TLS off spelled 0            | tcp://manager:2375  | 0                 | tcp://manager:2375
      """)
  void fromEnvironment(String name, String dockerHost, String tlsVerify, String expected) {
    assertEquals(expected, DockerHost.fromEnvironment(Map.of("DOCKER_HOST", dockerHost, "DOCKER_TLS_VERIFY", tlsVerify)).toString());
  }

  @org.junit.jupiter.api.Test
  void tlsVerifyIsRefused() {
    var e = assertThrows(IllegalArgumentException.class, () -> DockerHost.fromEnvironment(Map.of("DOCKER_HOST", "tcp://m:2376", "DOCKER_TLS_VERIFY", "1")));
    assertTrue(e.getMessage().contains("TLS"), e.getMessage());
  }
}
