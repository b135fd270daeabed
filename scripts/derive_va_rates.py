#!/usr/bin/env python3
"""Derives data/va_rates.csv: value-added rates (% of gross output) of the GB/T 4754 industrial
divisions from the NBS 2020 input-output table (42 sectors), as docs/measures.md describes.

rate(sector) = TVA (total value added) / TI (total input = total output) of the sector's column;
every division of a sector gets the sector's rate; BCD gets Σ TVA / Σ TI over sectors 02-26.

usage: scripts/derive_va_rates.py ../shared/data/stats/input_output/io_2020_42.csv > data/va_rates.csv
"""
import csv
import sys

# IO42 sector -> GB/T 4754-2017 divisions (the mapping of src/gen/README.md).
SECTORS = {
    "02": ["06"], "03": ["07"], "04": ["08", "09"], "05": ["10", "11", "12"],
    "06": ["13", "14", "15", "16"], "07": ["17"], "08": ["18", "19"], "09": ["20", "21"],
    "10": ["22", "23", "24"], "11": ["25"], "12": ["26", "27", "28", "29"], "13": ["30"],
    "14": ["31", "32"], "15": ["33"], "16": ["34"], "17": ["35"], "18": ["36", "37"],
    "19": ["38"], "20": ["39"], "21": ["40"], "22": ["41", "42"], "23": ["43"], "24": ["44"],
    "25": ["45"], "26": ["46"],
}


def main(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    by_code = {r[0]: r for r in rows[1:] if r[3] == "TOT"}
    tva, ti = by_code["TVA"], by_code["TI"]
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["industry", "rate"])
    sum_va = sum_ti = 0.0
    lines = []
    for sector, divisions in SECTORS.items():
        col = header.index(sector)
        va, total = float(tva[col]), float(ti[col])
        sum_va += va
        sum_ti += total
        for d in divisions:
            lines.append((d, 100.0 * va / total))
    out.writerow(["BCD", f"{100.0 * sum_va / sum_ti:.2f}"])
    for d, rate in sorted(lines):
        out.writerow([d, f"{rate:.2f}"])


if __name__ == "__main__":
    main(sys.argv[1])
