#!/usr/bin/python3
"""Times the reference pair backtest (SPEC section 13, make_backtest_vectors.pair_backtest: numpy
arrays, a Python decision loop) on the input BacktestBenchmark writes, and prints its metrics so
they can be set beside the Java run's.

Usage: /usr/bin/python3 benchmarks/peers/pair_backtest_peer.py ORACLE_DIR target/backtest-input.csv
(ORACLE_DIR holds make_backtest_vectors.py; run with Debian's python3-statsmodels installed.)
With ORACLE_DIR/vectors/g_pair_backtest.json as the input: the real tape's public case (343
aligned times), the backtest alone, as BacktestBenchmark.perSnapshot does it.
"""
import importlib.util
import sys
import time

import pandas as pd


def main():
    oracle, data = sys.argv[1], sys.argv[2]
    spec = importlib.util.spec_from_file_location("mbv", oracle + "/make_backtest_vectors.py")
    mbv = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mbv)
    if data.endswith(".json"):
        import json
        doc = json.load(open(data))
        sig = doc["signals"]["hedge120_z60"]
        nan = float("nan")
        df = pd.DataFrame({"time_ms": doc["inputs"]["time_ms"], "a_close": doc["inputs"]["a_close"],
                           "b_close": doc["inputs"]["b_close"],
                           "beta": [nan if v is None else v for v in sig["beta"]],
                           "z": [nan if v is None else v for v in sig["z"]]})
    else:
        df = pd.read_csv(data)
    p = mbv.params(hedge_window=120, z_window=60, entry=2.0, exit=0.0, stop=float("inf"),
                   max_hold=0, notional=10000.0, capital=20000.0 if data.endswith(".json") else 1e7,
                   fee_bps=4.0,
                   slippage_bps=1.0, fill="next", timeframe_seconds=1)
    args = (df.time_ms.to_numpy(), df.a_close.to_numpy(), df.b_close.to_numpy(),
            df.z.to_numpy(), df.beta.to_numpy(), p)
    best = float("inf")
    for _ in range(3 if len(df) > 10000 else 50):
        t0 = time.perf_counter()
        r = mbv.pair_backtest(*args)
        best = min(best, time.perf_counter() - t0)
    n = len(df)
    m = r["metrics"]
    print(f"reference pair_backtest: {n} aligned times, best of {3 if n > 10000 else 50}: {best * 1e3:.3f} ms = "
          f"{best / n * 1e9:.0f} ns per aligned time; trades {m['trades']}, "
          f"total_net_pnl {m['total_net_pnl']!r}, sharpe {m['sharpe']!r}")


if __name__ == "__main__":
    main()
