#!/usr/bin/python3
"""Reference OHLCV bars of the bundled real Binance tapes, computed with pandas' resample.

Run with Debian's python3-pandas (pandas 1.5.3 on bookworm) from this directory:
    /usr/bin/python3 make_bar_reference.py > bars_real_2024-08-08.json
Bars follow pandas' defaults (closed='left', label='left', origin='start_day'); empty bins are dropped
(count == 0), which is what quantstream's GapPolicy.SKIP emits. Prices are parsed with float(), exactly
as Java's Double.parseDouble. Numbers are written with repr, which round-trips.
"""
import gzip
import json
import sys

import pandas as pd

TAPES = {
    "BTCUSDT": "../data/binance/trades/BTCUSDT_usdm_trade_2024-08-08T2354-2400Z.txt.gz",
    "ETHUSDT": "../data/binance/trades/ETHUSDT_usdm_trade_2024-08-08T2354-2400Z.txt.gz",
}
RULES = {"1s": "1s", "5s": "5s", "1m": "1min", "5m": "5min"}


def load(path):
    rows = []
    with gzip.open(path, "rt") as f:
        for line in f:
            _, text = line.split(" ", 1)
            d = json.loads(text)["data"]
            rows.append((d["T"], float(d["p"]), float(d["q"]), not d["m"]))
    df = pd.DataFrame(rows, columns=["t", "p", "q", "buy"])
    df.index = pd.to_datetime(df["t"], unit="ms", utc=True)
    return df


out = {"generator": "make_bar_reference.py", "pandas": pd.__version__, "python": sys.version.split()[0], "symbols": {}}
for symbol, path in TAPES.items():
    df = load(path)
    df["pq"] = df["p"] * df["q"]
    df["bq"] = df["q"].where(df["buy"], 0.0)
    per = {}
    for label, rule in RULES.items():
        r = df.resample(rule)
        bars = r["p"].ohlc()
        bars["volume"] = r["q"].sum()
        bars["quote_volume"] = r["pq"].sum()
        bars["buy_volume"] = r["bq"].sum()
        bars["count"] = r["p"].count()
        bars = bars[bars["count"] > 0]
        bars["vwap"] = bars["quote_volume"] / bars["volume"]
        per[label] = {
            "open_time_ms": [int(ts.value // 1_000_000) for ts in bars.index],
            **{c: [float(v) for v in bars[c]] for c in ["open", "high", "low", "close", "volume", "quote_volume", "buy_volume", "vwap"]},
            "count": [int(v) for v in bars["count"]],
        }
    out["symbols"][symbol] = per
json.dump(out, sys.stdout, separators=(",", ":"))
print()
