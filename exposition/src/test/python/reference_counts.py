#!/usr/bin/python3
"""Reference verdicts and counts from the Prometheus Python client (Debian's python3-prometheus-client).

For each file given, prints one JSON line per format (text 0.0.4 and OpenMetrics):
{"file", "format", "ok", "families", "samples", "error"}, with families and samples counted as the
client yields them. ReferenceClientAgreementTest compares the Java parser with these lines, and with
the committed copy of them in src/test/resources/reference/. Regenerate that copy with:
    cd exposition/src/test/resources/fixtures && /usr/bin/python3 ../../python/reference_counts.py \
        $(find . -type f ! -name '*.md' ! -name '*LICENSE*' ! -name test.json | sed 's|^\./||' | LC_ALL=C sort) \
        > ../reference/python-prometheus-client.jsonl
"""
import json
import sys

import prometheus_client
from prometheus_client.openmetrics.parser import text_string_to_metric_families as om_families
from prometheus_client.parser import text_string_to_metric_families as text_families

PARSERS = {"text": text_families, "openmetrics": om_families}


def count(text, fmt):
    families = 0
    samples = 0
    for family in PARSERS[fmt](text):
        families += 1
        samples += len(family.samples)
    return families, samples


def main(paths):
    for path in paths:
        try:
            with open(path, encoding="utf-8", errors="strict") as f:
                text = f.read()
        except UnicodeDecodeError as e:
            text = None
            decode_error = f"UnicodeDecodeError: {e}"
        for fmt in PARSERS:
            out = {"file": path, "format": fmt}
            try:
                if text is None:
                    raise ValueError(decode_error)
                out["families"], out["samples"] = count(text, fmt)
                out["ok"] = True
            except Exception as e:  # the reference's verdict, whatever its error type
                out["ok"] = False
                out["error"] = f"{type(e).__name__}: {e}"[:300]
            print(json.dumps(out, ensure_ascii=True, sort_keys=True), flush=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--version":
        print(prometheus_client.__version__ if hasattr(prometheus_client, "__version__") else "unknown")
    else:
        main(sys.argv[1:])
