package dev.plimsoll.kubernetes;

/**
 * An optional annotation on a scraped pod whose value was ignored (the target is kept, with the collector's default).
 *
 * @param annotation e.g. {@code plimsoll.dev/scrape-interval}
 * @param value      the value as written on the pod
 * @param reason     for humans, e.g. {@code "not a duration like 5s or 500ms"}
 */
public record IgnoredAnnotation(String namespace, String pod, String annotation, String value, String reason) {}
