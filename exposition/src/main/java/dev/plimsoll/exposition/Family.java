package dev.plimsoll.exposition;

/**
 * A metric family as the exposition declared it: a run of metadata lines and samples that belong
 * together. Families are counted the way the Prometheus Python client counts them (the reference the
 * tests compare with): in the text format a sample that belongs to no declared family is a family of
 * its own; in OpenMetrics consecutive samples of the same undeclared name share one.
 *
 * @param name the family name
 * @param type its type ({@link MetricType#UNTYPED} when not declared)
 * @param help its unescaped help text, or null when it has none
 * @param unit its OpenMetrics unit, or null
 * @param samples how many samples it held
 */
public record Family(String name, MetricType type, String help, String unit, int samples) {}
