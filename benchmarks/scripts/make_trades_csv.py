#!/usr/bin/python3
"""Writes a data.binance.vision-style trades CSV of N rows built from the bundled real tapes.

The trades of the four recorded Binance USD-M tapes (quant-core test resources; see their
PROVENANCE.md) are repeated in order, ids and times shifted forward on each pass, so that every
price and quantity is a real one and ids and times keep increasing. quote_qty is the exact decimal
product, as data.binance.vision writes it.

Usage: make_trades_csv.py ROWS OUT.csv
"""
import gzip
import json
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TAPES = ROOT / "quant-core" / "src" / "test" / "resources" / "data" / "binance" / "trades"


def trades():
    out = []
    for tape in sorted(TAPES.glob("BTCUSDT_*.txt.gz")):
        with gzip.open(tape, "rt") as f:
            for line in f:
                _, _, msg = line.partition(" ")
                d = json.loads(msg).get("data", {})
                if d.get("e") == "trade":
                    out.append((d["p"], d["q"], d["m"]))
    return out


def main():
    rows, path = int(sys.argv[1]), sys.argv[2]
    base = trades()
    trade_id, time_ms = 5266583935, 1723161256322
    with open(path, "w") as f:
        f.write("id,price,qty,quote_qty,time,is_buyer_maker\n")
        i = 0
        while i < rows:
            p, q, m = base[i % len(base)]
            quote = format(Decimal(p) * Decimal(q), "f")
            f.write(f"{trade_id},{p},{q},{quote},{time_ms},{'true' if m else 'false'}\n")
            trade_id += 1
            time_ms += 7 if i % 3 == 0 else 0
            i += 1


if __name__ == "__main__":
    main()
