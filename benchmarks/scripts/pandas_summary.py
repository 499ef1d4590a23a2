#!/usr/bin/python3
"""The pandas side of the whole-process comparison: read_csv of a data.binance.vision trades CSV and
the sums `quant ticks --summary` prints (count, first/last id and time, min/max price, volume,
vwap, duplicate ids, id gaps).

Usage: pandas_summary.py FILE.csv
"""
import sys

import pandas as pd

df = pd.read_csv(sys.argv[1])
ids = df["id"]
diff = ids.diff().dropna()
print(
    len(df),
    ids.iloc[0],
    ids.iloc[-1],
    df["time"].iloc[0],
    df["time"].iloc[-1],
    df["price"].min(),
    df["price"].max(),
    df["qty"].sum(),
    (df["price"] * df["qty"]).sum() / df["qty"].sum(),
    int((diff == 0).sum()),
    int((diff > 1).sum()),
)
