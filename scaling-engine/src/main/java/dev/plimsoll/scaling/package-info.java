/**
 * The scaling engine: plain Java, no framework, no clock ("now" is an input), no state (history is an
 * input and the evaluation says what to record). {@link dev.plimsoll.scaling.HpaEngine} is the HPA's
 * algorithm; {@link dev.plimsoll.scaling.ScalingSpec} is the autoscaling/v2-shaped policy it reads.
 */
package dev.plimsoll.scaling;
