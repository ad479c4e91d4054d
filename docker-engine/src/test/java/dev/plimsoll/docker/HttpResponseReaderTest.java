package dev.plimsoll.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Response framing, fed through a source that hands out at most {@code step} bytes per read, so every row also
 * crosses buffer boundaries inside lines, chunk sizes and bodies. {@code \r\n} is written as {@code |}.
 */
class HttpResponseReaderTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '^', textBlock = """
      # case                                ^ response                                                                              ^ status ^ body
      content-length                         ^ HTTP/1.1 200 OK|Content-Length: 2||[]                                                 ^ 200    ^ []
      content-length stops at its length     ^ HTTP/1.1 200 OK|Content-Length: 2||[]garbage                                          ^ 200    ^ []
      chunked with extension and trailer     ^ HTTP/1.1 200 OK|Transfer-Encoding: chunked||3;x=y|[1,|2|2]|0|Trailer: t||             ^ 200    ^ [1,2]
      chunked wins over content-length       ^ HTTP/1.1 200 OK|Content-Length: 99|Transfer-Encoding: chunked||2|{}|0||               ^ 200    ^ {}
      upper-case hex chunk size              ^ HTTP/1.1 200 OK|Transfer-Encoding: chunked||A|0123456789|0||                          ^ 200    ^ 0123456789
      read to end without framing            ^ HTTP/1.1 200 OK|Content-Type: application/json||{"a":1}                              ^ 200    ^ {"a":1}
      204 has no body                        ^ HTTP/1.1 204 No Content|Content-Length: 5||                                           ^ 204    ^ ''
      100 continue is skipped                ^ HTTP/1.1 100 Continue||HTTP/1.1 404 Not Found|Content-Length: 2||{}                   ^ 404    ^ {}
      bare LF line ends                      ^ HTTP/1.1 200 OK\\nContent-Length: 2\\n\\n[]                                              ^ 200    ^ []
      reason phrase may be missing           ^ HTTP/1.1 500|Content-Length: 0||                                                      ^ 500    ^ ''
      """)
  void reads(String name, String response, int status, String body) throws IOException {
    for (int step : new int[] {1, 3, 7, 4096}) {
      HttpResponseReader.Response r = read(response, step, 1 << 20);
      assertEquals(status, r.status(), name + " step " + step);
      assertEquals(body, new String(r.body(), StandardCharsets.UTF_8), name + " step " + step);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '^', textBlock = """
      # case                          ^ response                                                       ^ limit ^ message contains
      empty connection                 ^ ''                                                             ^ 1024  ^ before a response
      not HTTP                         ^ SSH-2.0-OpenSSH_9.2|                                           ^ 1024  ^ not an HTTP/1.x status line
      bad status code                  ^ HTTP/1.1 2x0 OK|                                               ^ 1024  ^ bad status code
      closed inside the headers        ^ HTTP/1.1 200 OK|Content-Length: 2|                             ^ 1024  ^ inside the response headers
      header without colon             ^ HTTP/1.1 200 OK|nonsense||                                     ^ 1024  ^ malformed header
      body shorter than its length     ^ HTTP/1.1 200 OK|Content-Length: 10||12345                      ^ 1024  ^ 5 of 10 body bytes unread
      content-length over the limit    ^ HTTP/1.1 200 OK|Content-Length: 2048||                         ^ 1024  ^ exceeds the limit of 1024
      chunks over the limit            ^ HTTP/1.1 200 OK|Transfer-Encoding: chunked||400|x              ^ 1000  ^ exceeds the limit of 1000
      bad chunk size                   ^ HTTP/1.1 200 OK|Transfer-Encoding: chunked||zz|                ^ 1024  ^ bad chunk size
      huge chunk size                  ^ HTTP/1.1 200 OK|Transfer-Encoding: chunked||ffffffffffffffffff| ^ 1024  ^ bad chunk size
      chunk without CRLF               ^ HTTP/1.1 200 OK|Transfer-Encoding: chunked||2|{}x|0||          ^ 1024  ^ not followed by CRLF
      missing last chunk               ^ HTTP/1.1 200 OK|Transfer-Encoding: chunked||2|{}|              ^ 1024  ^ before the last chunk
      unknown transfer coding          ^ HTTP/1.1 200 OK|Transfer-Encoding: gzip||                      ^ 1024  ^ unsupported Transfer-Encoding
      negative content-length          ^ HTTP/1.1 200 OK|Content-Length: -1||                           ^ 1024  ^ negative Content-Length
      unframed body over the limit     ^ HTTP/1.1 200 OK||0123456789012345678901234567890123456789      ^ 1024  ^ ''
      """)
  void refuses(String name, String response, int limit, String message) {
    String input = name.startsWith("unframed") ? response + "x".repeat(2000) : response;
    var e = assertThrows(HttpResponseReader.HttpFormatException.class, () -> read(input, 5, limit));
    assertTrue(e.getMessage().contains(message.isEmpty() ? "exceeds the limit" : message), e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void anEndlessHeaderLineIsCutOff() {
    String response = "HTTP/1.1 200 OK|X-Long: " + "a".repeat(HttpResponseReader.MAX_LINE_BYTES + 10) + "||";
    var e = assertThrows(HttpResponseReader.HttpFormatException.class, () -> read(response, 4096, 1024));
    assertTrue(e.getMessage().contains("longer than"), e.getMessage());
  }

  private static HttpResponseReader.Response read(String response, int step, int limit) throws IOException {
    byte[] bytes = response.replace("|", "\r\n").replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
    int[] position = {0};
    HttpResponseReader.ByteSource source = (ByteBuffer into) -> {
      if (position[0] >= bytes.length) {
        return -1;
      }
      int n = Math.min(Math.min(step, into.remaining()), bytes.length - position[0]);
      into.put(bytes, position[0], n);
      position[0] += n;
      return n;
    };
    return new HttpResponseReader(source, limit).read();
  }
}
