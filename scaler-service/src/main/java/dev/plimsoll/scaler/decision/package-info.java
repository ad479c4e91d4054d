/**
 * The scaler's own decision step after the policy's ({@link dev.plimsoll.scaling.WorkloadScaler}): the GPU
 * cap and the dry-run marking. Plain Java, no framework, no I/O, no clock.
 */
package dev.plimsoll.scaler.decision;
