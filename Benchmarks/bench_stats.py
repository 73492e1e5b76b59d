"""Summaries of timing samples and the bounded loop that collects them."""

import math
import statistics
import time


def summarize(seconds):
    """Summarize samples in seconds as milliseconds: count, median, p95 (nearest rank), min and max."""
    if not seconds:
        return None
    ordered = sorted(seconds)
    rank = max(1, math.ceil(0.95 * len(ordered)))
    return {
        "count": len(ordered),
        "median_ms": statistics.median(ordered) * 1000,
        "p95_ms": ordered[rank - 1] * 1000,
        "min_ms": ordered[0] * 1000,
        "max_ms": ordered[-1] * 1000,
    }


def bounded_rounds(count, time_limit_seconds):
    """Yield round numbers 0..count-1, stopping early once time_limit_seconds have passed.

    At least one round always runs, so every measurement has a sample.
    """
    started = time.monotonic()
    for round_number in range(count):
        if round_number > 0 and time.monotonic() - started > time_limit_seconds:
            return
        yield round_number
