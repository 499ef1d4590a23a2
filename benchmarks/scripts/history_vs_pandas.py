#!/usr/bin/python3
"""Whole-process comparison of quantstream's history readers with pandas, on one machine, one run.

Builds (once) a data.binance.vision trades CSV of ROWS real BTCUSDT trades (make_trades_csv.py),
then runs, each REPEAT times, best time kept:
  - `quant ticks --summary` on the file            vs  pandas read_csv + the same sums (pandas_summary.py)
  - `quant ticks --summary` on the file zipped     (as data.binance.vision serves it)
  - `quant import` into a fresh store
and prints wall time, the rate, and peak memory: VmHWM (the whole resident set, which for an import
includes the store's memory-mapped file pages) and the peak of RssAnon (the process's own memory),
sampled from /proc every 5 ms.

Usage: /usr/bin/python3 benchmarks/scripts/history_vs_pandas.py [ROWS] [REPEAT]
       (from the project root, after ./mvnw -B -q -DskipTests package)
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
JAR = ROOT / "quant-examples" / "target" / "quant.jar"
SCRIPTS = ROOT / "benchmarks" / "scripts"


def run(cmd):
    """Runs a command; returns (seconds, peak VmHWM MiB, peak RssAnon MiB, stdout)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    hwm = anon = 0
    status = Path(f"/proc/{p.pid}/status")
    while p.poll() is None:
        try:
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    hwm = max(hwm, int(line.split()[1]))
                elif line.startswith("RssAnon:"):
                    anon = max(anon, int(line.split()[1]))
        except (FileNotFoundError, ProcessLookupError):
            pass
        time.sleep(0.005)
    out = p.stdout.read().decode()
    seconds = time.perf_counter() - start
    if p.returncode != 0:
        raise SystemExit(f"{cmd} failed with {p.returncode}")
    return seconds, hwm / 1024, anon / 1024, out


def best(label, cmd, repeat, rows, before=None):
    results = []
    for _ in range(repeat):
        if before:
            before()
        results.append(run(cmd))
    s, hwm, anon, _ = min(results, key=lambda r: r[0])
    print(f"{label:<38} {s:7.2f} s {rows / s / 1e6:7.2f} M rows/s   peak RSS {hwm:6.0f} MiB"
          f" (own memory {anon:5.0f} MiB)")
    return s


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000_000
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    if not JAR.exists():
        raise SystemExit(f"{JAR} missing: run ./mvnw -B -q -DskipTests package first")
    work = ROOT / "target" / "history-bench"
    work.mkdir(parents=True, exist_ok=True)
    csv = work / f"BTCUSDT-trades-{rows}.csv"
    if not csv.exists():
        subprocess.run(["/usr/bin/python3", str(SCRIPTS / "make_trades_csv.py"), str(rows), str(csv)],
                       check=True)
    zipped = work / f"BTCUSDT-trades-{rows}.zip"
    if not zipped.exists():
        with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as z:
            z.write(csv, csv.name)
    store = Path(tempfile.mkdtemp(prefix="history-bench-store"))
    java = ["java", "-jar", str(JAR)]
    print(f"{rows:,} rows, {csv.stat().st_size / 2**20:.0f} MiB CSV ({zipped.stat().st_size / 2**20:.0f} MiB zip);"
          f" {os.cpu_count()} cores; best of {repeat}")
    q = best("quant ticks --summary (csv)", java + ["ticks", "--summary", "--input", str(csv)], repeat, rows)
    p = best("pandas read_csv + sums (csv)", ["/usr/bin/python3", str(SCRIPTS / "pandas_summary.py"), str(csv)],
             repeat, rows)
    best("quant ticks --summary (zip)", java + ["ticks", "--summary", "--input", str(zipped)], repeat, rows)
    best("quant import (csv, fresh store)", java + ["import", "--store", str(store), str(csv)], repeat, rows,
         before=lambda: shutil.rmtree(store, ignore_errors=True))
    shutil.rmtree(store, ignore_errors=True)
    print(f"ticks --summary against pandas: {p / q:.2f}x faster")


if __name__ == "__main__":
    main()
