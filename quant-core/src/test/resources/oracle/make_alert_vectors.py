"""Alert-rule cases beyond the public one (SPEC §14), computed by the oracle's own reference.

Usage: /usr/bin/python3 make_alert_vectors.py /path/to/oracle  (writes h_alert_cases.json here)

The reference functions (alerts, alerts_scan) are imported from the oracle's
make_backtest_vectors.py, not copied; both implementations must agree on every case.
"""
import json
import math
import random
import sys

sys.path.insert(0, sys.argv[1])
import make_backtest_vectors as ref  # noqa: E402

RULES = [
    {"name": "outside_h", "metric": "zScore", "condition": "OUTSIDE", "lo": -1.5, "hi": 1.5,
     "hysteresis": 0.5, "cooldown_ms": 0},
    {"name": "outside_cool", "metric": "zScore", "condition": "OUTSIDE", "lo": -1.0, "hi": 1.0,
     "hysteresis": 0.25, "cooldown_ms": 20000},
    {"name": "above_h0", "metric": "zScore", "condition": "ABOVE", "threshold": 1.0,
     "hysteresis": 0.0, "cooldown_ms": 0},
    {"name": "above_cool", "metric": "zScore", "condition": "ABOVE", "threshold": 0.5,
     "hysteresis": 0.2, "cooldown_ms": 15000},
    {"name": "below_h", "metric": "zScore", "condition": "BELOW", "threshold": -0.8,
     "hysteresis": 0.3, "cooldown_ms": 0},
    {"name": "crosses_above", "metric": "zScore", "condition": "CROSSES_ABOVE", "threshold": 0.25,
     "cooldown_ms": 0},
    {"name": "crosses_below_cool", "metric": "zScore", "condition": "CROSSES_BELOW",
     "threshold": -0.25, "cooldown_ms": 10000},
    {"name": "crosses_cool", "metric": "zScore", "condition": "CROSSES", "threshold": 0.0,
     "cooldown_ms": 7000},
]


def series(seed, n, nan_every):
    rnd = random.Random(seed)
    t, v, x = [], [], 0.0
    time = 1723161256000
    for i in range(n):
        time += 1000 * rnd.choice([1, 1, 1, 2, 5])
        x = 0.9 * x + rnd.gauss(0, 0.6)
        t.append(time)
        # exact threshold values too, to pin down <, <= and the hysteresis bounds
        val = rnd.choice([x, x, x, x, x, 1.0, -1.0, 0.0, 0.25, -0.25, 1.5, 0.5, 0.3])
        v.append(float("nan") if nan_every and i % nan_every == 7 else val)
    return t, v


def main():
    cases = []
    for seed, n, nan_every in [(1, 400, 0), (2, 400, 11), (3, 1000, 5)]:
        t, v = series(seed, n, nan_every)
        res = ref.run_alerts(t, v, RULES) if hasattr(ref, "run_alerts") else ref.alerts(t, v, RULES)
        cases.append({
            "seed": seed,
            "time_ms": t,
            "values": [None if math.isnan(x) else x for x in v],
            "rules": [{k: r[k] for k in r if k not in ("if_cooldown_counted_from_suppressed_fires_too",)}
                      for r in res],
        })
    out = {
        "description": "SPEC 14 alert rules on seeded series (NaN as null), by make_backtest_vectors.alerts",
        "rules": RULES,
        "cases": cases,
    }
    with open("h_alert_cases.json", "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
