/** Reading LLM request traces and replaying them (load multiplier, looping) as {@link dev.plimsoll.fleet.InferenceRequest}s. */
package dev.plimsoll.fleet.trace;
