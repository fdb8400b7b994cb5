"""The certificate PDF alone: time to render a one-page 住民票の写し (one person, the usual
items and options) with its 地紋, 公印, barcode and embedded font subsets.

    .venv/bin/python benchmarks/certificate_pdf.py [--runs 200]

One warm-up (fonts registered, the 地紋 tile and the seal read: what a running desk has
already done), then RUNS renders; prints `certificate_pdf p50_ms=… p95_ms=… bytes=…`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from counter_app.certificates.model import CertificateDocument, DocumentSection  # noqa: E402
from printing.certificates import certificate_pdf  # noqa: E402
from printing.city import load_city  # noqa: E402

DOCUMENT = CertificateDocument(
    issue_number="C20261205-00042",
    verification="C20261205-00042.5f3a9c1e",
    kind_id="juminhyo",
    title="住民票の写し",
    attestation="この写しは、住民票の原本と相違ないことを証明する。",
    issued_on=date(2026, 12, 5),
    municipality="みどり市",
    sections=(
        DocumentSection(
            "髙橋 一郎",
            (
                ("氏名", "髙橋 一郎"),
                ("生年月日", "昭和60年8月22日"),
                ("性別", "男"),
                ("住所", "東京都みどり市桜町二丁目14番3号 みどりハイツ201"),
                ("住民となった年月日", "令和2年4月1日"),
                ("続柄", "世帯主"),
                ("世帯主", "髙橋 一郎"),
                ("本籍", "東京都みどり市桜町二丁目14番地"),
                ("筆頭者", "髙橋 一郎"),
                ("前住所", "神奈川県横浜市中区山下町1番地"),
            ),
        ),
    ),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    city = load_city()
    size = len(certificate_pdf([DOCUMENT], city))
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        certificate_pdf([DOCUMENT], city)
        times.append((time.perf_counter() - started) * 1000)
    p50 = statistics.median(times)
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"certificate_pdf p50_ms={p50:.1f} p95_ms={p95:.1f} bytes={size}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
