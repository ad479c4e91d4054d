package dev.plimsoll.exposition;

import java.nio.charset.StandardCharsets;

/**
 * Turns a scraped body into samples. The seam between scraping and parsing: a later implementation
 * may parse bytes directly or read other formats.
 */
public interface ExpositionParser {

  /**
   * Parses a UTF-8 encoded body.
   *
   * @throws ExpositionParseException when the body is not a valid exposition (invalid UTF-8 included)
   */
  Exposition parse(byte[] body);

  /**
   * Parses text.
   *
   * @throws ExpositionParseException when the text is not a valid exposition
   */
  default Exposition parse(String text) {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }
}
