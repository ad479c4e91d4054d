package dev.plimsoll.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one HTTP/1.1 response: status line, headers, then a body framed by {@code Transfer-Encoding: chunked},
 * {@code Content-Length}, or the end of the connection (requests say {@code Connection: close}). Bounded: head
 * lines and the body have size limits, so a broken or hostile peer cannot exhaust memory.
 */
final class HttpResponseReader {

  /** A source of bytes that blocks until at least one byte, end of stream (-1), or a timeout exception. */
  interface ByteSource {
    int read(ByteBuffer into) throws IOException;
  }

  /** One response; header names are lower-cased, repeated headers joined with {@code ", "}. */
  record Response(int status, String reason, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
    }
  }

  static final int MAX_LINE_BYTES = 16 * 1024;
  static final int MAX_HEADERS = 200;

  private final ByteSource source;
  private final long maxBodyBytes;
  private final ByteBuffer buffer = ByteBuffer.allocate(16 * 1024).flip();

  HttpResponseReader(ByteSource source, long maxBodyBytes) {
    this.source = source;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * Reads the response.
   *
   * @throws HttpFormatException when the bytes are not a well-formed, in-bounds HTTP/1.1 response
   * @throws IOException         from the source (including its timeouts)
   */
  Response read() throws IOException {
    while (true) {
      String statusLine = readLine();
      if (statusLine == null) {
        throw new HttpFormatException("connection closed before a response arrived");
      }
      // "HTTP/1.1 200 OK"; the reason phrase may be empty or missing.
      if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
        throw new HttpFormatException("not an HTTP/1.x status line: '" + abbreviate(statusLine) + "'");
      }
      int status;
      try {
        status = Integer.parseInt(statusLine.substring(9, 12));
      } catch (NumberFormatException e) {
        throw new HttpFormatException("bad status code in '" + abbreviate(statusLine) + "'");
      }
      String reason = statusLine.length() > 13 ? statusLine.substring(13) : "";
      Map<String, String> headers = readHeaders();
      if (status >= 100 && status < 200) {
        continue; // 100 Continue and friends precede the real response
      }
      return new Response(status, reason, headers, readBody(status, headers));
    }
  }

  private Map<String, String> readHeaders() throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    for (int count = 0; ; count++) {
      String line = readLine();
      if (line == null) {
        throw new HttpFormatException("connection closed inside the response headers");
      }
      if (line.isEmpty()) {
        return headers;
      }
      if (count >= MAX_HEADERS) {
        throw new HttpFormatException("more than " + MAX_HEADERS + " response headers");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new HttpFormatException("malformed header line '" + abbreviate(line) + "'");
      }
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      headers.merge(name, value, (a, b) -> a + ", " + b);
    }
  }

  private byte[] readBody(int status, Map<String, String> headers) throws IOException {
    if (status == 204 || status == 304) {
      return new byte[0];
    }
    String transferEncoding = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
    if (!transferEncoding.isEmpty()) {
      // RFC 9112 6.3: with Transfer-Encoding present, Content-Length is ignored; chunked must be the last coding.
      if (!transferEncoding.endsWith("chunked")) {
        throw new HttpFormatException("unsupported Transfer-Encoding '" + transferEncoding + "'");
      }
      return readChunked();
    }
    String contentLength = headers.get("content-length");
    if (contentLength != null) {
      long length;
      try {
        length = Long.parseLong(contentLength);
      } catch (NumberFormatException e) {
        throw new HttpFormatException("bad Content-Length '" + abbreviate(contentLength) + "'");
      }
      if (length < 0) {
        throw new HttpFormatException("negative Content-Length " + length);
      }
      checkBodySize(length);
      ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(length, 1 << 20));
      readExactly(body, length, "body");
      return body.toByteArray();
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    do {
      checkBodySize((long) body.size() + buffer.remaining());
      body.write(buffer.array(), buffer.position(), buffer.remaining());
      buffer.position(buffer.limit());
    } while (fill());
    return body.toByteArray();
  }

  private byte[] readChunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine();
      if (sizeLine == null) {
        throw new HttpFormatException("connection closed before the last chunk");
      }
      int semicolon = sizeLine.indexOf(';'); // chunk extensions are allowed and ignored
      String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).strip();
      long size;
      try {
        if (hex.isEmpty() || hex.length() > 15) {
          throw new NumberFormatException();
        }
        size = Long.parseLong(hex, 16);
      } catch (NumberFormatException e) {
        throw new HttpFormatException("bad chunk size '" + abbreviate(sizeLine) + "'");
      }
      if (size == 0) {
        break;
      }
      checkBodySize(body.size() + size);
      readExactly(body, size, "chunk");
      String end = readLine();
      if (end == null || !end.isEmpty()) {
        throw new HttpFormatException("chunk of " + size + " bytes not followed by CRLF");
      }
    }
    // Trailer fields, up to the empty line; their content is not needed.
    for (int count = 0; ; count++) {
      String trailer = readLine();
      if (trailer == null || trailer.isEmpty()) {
        return body.toByteArray();
      }
      if (count >= MAX_HEADERS) {
        throw new HttpFormatException("more than " + MAX_HEADERS + " trailer fields");
      }
    }
  }

  private void checkBodySize(long size) throws HttpFormatException {
    if (size > maxBodyBytes) {
      throw new HttpFormatException("response body exceeds the limit of " + maxBodyBytes + " bytes");
    }
  }

  private void readExactly(ByteArrayOutputStream into, long length, String what) throws IOException {
    long left = length;
    while (left > 0) {
      if (!buffer.hasRemaining() && !fill()) {
        throw new HttpFormatException("connection closed with " + left + " of " + length + " " + what + " bytes unread");
      }
      int n = (int) Math.min(left, buffer.remaining());
      into.write(buffer.array(), buffer.position(), n);
      buffer.position(buffer.position() + n);
      left -= n;
    }
  }

  /** A CRLF- (or bare LF-) terminated line as ISO-8859-1, without the terminator; null at a clean end of stream. */
  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    while (true) {
      if (!buffer.hasRemaining() && !fill()) {
        if (line.size() == 0) {
          return null;
        }
        throw new HttpFormatException("connection closed inside a line");
      }
      byte b = buffer.get();
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
      if (line.size() >= MAX_LINE_BYTES) {
        throw new HttpFormatException("a status, header or chunk-size line is longer than " + MAX_LINE_BYTES + " bytes");
      }
      line.write(b);
    }
  }

  /** Refills the empty buffer; false at end of stream. */
  private boolean fill() throws IOException {
    buffer.clear();
    int n;
    do {
      n = source.read(buffer);
    } while (n == 0);
    buffer.flip();
    return n > 0;
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  /** The bytes are not the HTTP/1.1 response they should be. */
  static final class HttpFormatException extends IOException {
    HttpFormatException(String message) {
      super(message);
    }
  }
}
