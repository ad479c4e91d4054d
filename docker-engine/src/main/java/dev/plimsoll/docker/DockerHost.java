package dev.plimsoll.docker;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the Docker Engine listens, written like {@code DOCKER_HOST}: {@code unix:///var/run/docker.sock},
 * {@code tcp://host:2375} or {@code http://host:port}. TLS ({@code https://}, {@code DOCKER_TLS_VERIFY}),
 * {@code ssh://} and {@code npipe://} are refused with a clear message rather than half-supported.
 */
public sealed interface DockerHost {

  /** The Engine's default socket, used when {@code DOCKER_HOST} is unset. */
  String DEFAULT = "unix:///var/run/docker.sock";

  /** The address to connect a {@link java.nio.channels.SocketChannel} to (resolves a TCP host name). */
  SocketAddress socketAddress();

  /** {@link StandardProtocolFamily#UNIX} or {@link StandardProtocolFamily#INET}. */
  StandardProtocolFamily protocolFamily();

  /** A Unix domain socket on this machine. */
  record Unix(Path socket) implements DockerHost {
    public SocketAddress socketAddress() {
      return UnixDomainSocketAddress.of(socket);
    }

    public StandardProtocolFamily protocolFamily() {
      return StandardProtocolFamily.UNIX;
    }

    @Override
    public String toString() {
      return "unix://" + socket;
    }
  }

  /** Plain TCP (the Engine's unencrypted port, by convention 2375). */
  record Tcp(String host, int port) implements DockerHost {
    public Tcp {
      if (host.isBlank()) {
        throw new IllegalArgumentException("docker host name is empty");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("docker port " + port + " is not in 1..65535");
      }
    }

    public SocketAddress socketAddress() {
      // Resolved on every call, so a DNS change (a re-created manager) is picked up.
      return new InetSocketAddress(host, port);
    }

    public StandardProtocolFamily protocolFamily() {
      // An IPv6 address is still reached through an INET channel: INET channels are dual-stack.
      return StandardProtocolFamily.INET;
    }

    @Override
    public String toString() {
      return "tcp://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /**
   * Parses a host URI.
   *
   * @throws IllegalArgumentException naming what is wrong or unsupported
   */
  static DockerHost parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("docker host is empty; expected unix:///path or tcp://host:port");
    }
    String trimmed = text.strip();
    int colon = trimmed.indexOf("://");
    if (colon < 0) {
      throw new IllegalArgumentException("docker host '" + text + "' has no scheme; expected unix:///path or tcp://host:port");
    }
    String scheme = trimmed.substring(0, colon).toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "unix" -> {
        String path = trimmed.substring(colon + 3);
        if (path.isEmpty() || path.charAt(0) != '/') {
          throw new IllegalArgumentException("docker host '" + text + "' needs an absolute socket path, e.g. unix:///var/run/docker.sock");
        }
        return new Unix(Path.of(path));
      }
      case "tcp", "http" -> {
        URI uri;
        try {
          uri = new URI("http" + trimmed.substring(colon));
        } catch (URISyntaxException e) {
          throw new IllegalArgumentException("docker host '" + text + "' is not a valid URI: " + e.getMessage(), e);
        }
        String host = uri.getHost();
        if (host == null) {
          throw new IllegalArgumentException("docker host '" + text + "' has no host name");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
          host = host.substring(1, host.length() - 1);
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
          throw new IllegalArgumentException("docker host '" + text + "' has a path; base paths are not supported");
        }
        return new Tcp(host, uri.getPort() < 0 ? 2375 : uri.getPort());
      }
      case "https" -> throw new IllegalArgumentException("docker host '" + text + "' uses TLS, which this client does not support; use a unix socket or a TLS-terminating proxy");
      default -> throw new IllegalArgumentException("docker host scheme '" + scheme + "' is not supported; expected unix:// or tcp://");
    }
  }

  /**
   * The host named by {@code DOCKER_HOST} in {@code env}, or {@link #DEFAULT}. {@code DOCKER_TLS_VERIFY} with a
   * TCP host means the Engine expects TLS, which this client cannot speak, so it is refused up front.
   */
  static DockerHost fromEnvironment(Map<String, String> env) {
    String value = env.getOrDefault("DOCKER_HOST", "");
    DockerHost host = parse(value.isBlank() ? DEFAULT : value);
    String tls = env.getOrDefault("DOCKER_TLS_VERIFY", "");
    if (host instanceof Tcp && !tls.isEmpty() && !tls.equals("0")) {
      throw new IllegalArgumentException("DOCKER_TLS_VERIFY is set for " + host + " but this client does not support TLS");
    }
    return host;
  }
}
