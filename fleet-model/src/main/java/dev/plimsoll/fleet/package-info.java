/**
 * How a vLLM-like LLM replica serves requests (prefill, decode, continuous batching, KV cache, cold start),
 * a fleet of such replicas on a pool of simulated GPUs, and the histograms vLLM reports. Plain Java: no
 * framework, no threads, no clock of its own; time is passed in as simulated seconds. Used by the simulator
 * and by the scaler's backtests.
 */
package dev.plimsoll.fleet;
