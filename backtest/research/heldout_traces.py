#!/usr/bin/env python3
"""Writes four synthetic traces, in the Mooncake JSONL format the backtest reads, for checking a policy away from the
two real traces it is measured on (../shared/data/traces): a compressed day, a day with bursts, long contexts, a flat
rate. Non-homogeneous Poisson arrivals (thinning), lognormal prompt and output lengths (sigma 0.8), fixed seeds, so
the files are the same on every run.

Usage: python3 backtest/research/heldout_traces.py OUTDIR
then:  deploy/local/backtest.sh OUTDIR/NAME.jsonl --profile P --max-gpus 512 [--work-load-target F --e2e-load-target F]
"""
import json
import math
import os
import random
import sys

# name: (seconds, mean rate/s, diurnal amplitude, period s, bursts [(start s, seconds, multiplier)], mean prompt, mean output, seed)
TRACES = {
    "diurnal": (7200, 4.0, 0.8, 7200, [], 1000, 250, 11),
    "bursts": (7200, 4.0, 0.5, 7200, [(2000, 300, 2.5), (4500, 900, 1.8)], 1000, 250, 12),
    "longctx": (3600, 1.0, 0.6, 3600, [(1800, 400, 2.0)], 8000, 300, 13),
    "flat": (3600, 5.0, 0.0, 3600, [], 800, 200, 14),
}


def generate(seconds, rate, amplitude, period, bursts, mean_prompt, mean_output, seed):
    rnd = random.Random(seed)
    peak = rate * (1 + amplitude)
    for _, _, m in bursts:
        peak *= max(1, m)

    def rate_at(t):
        r = rate * (1 - amplitude * math.cos(2 * math.pi * t / period))  # lowest at the start
        for start, length, m in bursts:
            if start <= t < start + length:
                r *= m
        return r

    def lognormal(mean):
        sigma = 0.8
        return max(1, round(math.exp(rnd.gauss(math.log(mean) - sigma * sigma / 2, sigma))))

    t = 0.0
    while True:
        t += rnd.expovariate(peak)
        if t >= seconds:
            return
        if rnd.random() * peak <= rate_at(t):
            yield {"timestamp": int(t * 1000), "input_length": lognormal(mean_prompt), "output_length": lognormal(mean_output)}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, spec in TRACES.items():
        path = os.path.join(out, name + ".jsonl")
        n = 0
        with open(path, "w") as f:
            for request in generate(*spec):
                f.write(json.dumps(request) + "\n")
                n += 1
        print(f"{path}: {n} requests over {spec[0]} s")


if __name__ == "__main__":
    main()
