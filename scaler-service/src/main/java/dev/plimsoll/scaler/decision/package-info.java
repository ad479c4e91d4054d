/**
 * The scaler's decision core: plain Java, no framework, no I/O, no clock of its own (time is an input).
 * Given a policy, the current replica count, the metric value and "now", it returns the desired replica
 * count and why, following the Kubernetes HPA (replica_calculator.go, horizontal.go).
 */
package dev.plimsoll.scaler.decision;
