"""Import rate of OCDS compiled releases into PostgreSQL, against a plain COPY of the same rows.

    .venv/bin/python bench/procurement_import_bench.py [--releases 10000] [--rebuild] [--corpus FILE.jsonl]

Runs on a throwaway PostgreSQL: when DATABASE_URL does not point to PostgreSQL the script re-runs itself under
scripts/with-postgres.sh. The corpus (cached under bench/out/) is the real samples in <shared>/ocds/real/,
compiled per ocid and replicated with new ocids and release ids, one compiled release per line.

Measured in one run:
- `prongsai ocds import` path (procurement.services.ocds_import): every release stored verbatim, the compiled
  release recomputed, project fields extracted, bidders/suppliers/bids written, Thai search index built;
- the same file again (nothing changes: the import only compares hashes);
- the floor: COPY of the same rows (one release row and one project row per line: ocid, id, date, JSON text)
  into two plain tables, after parsing each line with orjson to read its ocid and id.
Prints seconds, releases per second and the import/COPY ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
SHARED = Path(os.environ.get("PRONGSAI_SHARED_DIR", ROOT.parent / "shared"))
REAL = SHARED / "ocds" / "real"


def ensure_postgres(argv: list[str]) -> None:
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return
    script = ROOT / "scripts" / "with-postgres.sh"
    sys.exit(subprocess.call([str(script), sys.executable, __file__, *argv], cwd=ROOT))


def build_corpus(count: int, rebuild: bool) -> Path:
    from procurement.ocds.merge import compile_releases

    path = OUT / f"procurement-import-corpus-{count}.jsonl"
    if path.exists() and not rebuild:
        return path
    compiled = []
    for name in sorted(REAL.glob("*.json")):
        by_ocid: dict[str, list[dict]] = {}
        for release in json.loads(name.read_text(encoding="utf-8"))["releases"]:
            by_ocid.setdefault(release["ocid"], []).append(release)
        compiled += [orjson.dumps(compile_releases(rs)) for rs in by_ocid.values()]
    OUT.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fp:
        for i in range(count):
            template = compiled[i % len(compiled)]
            release = orjson.loads(template)
            ocid = f"{release['ocid']}-b{i:06d}"
            release["ocid"], release["id"] = ocid, f"{ocid}-{release.get('date', '')}"
            fp.write(orjson.dumps(release) + b"\n")
    return path


def head(source: Path, count: int) -> Path:
    path = OUT / f"{source.stem}-first-{count}.jsonl"
    if not path.exists():
        with source.open("rb") as src, path.open("wb") as dst:
            for _, line in zip(range(count), src, strict=False):
                dst.write(line)
    return path


def copy_baseline(path: Path) -> tuple[float, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_release, bench_project")
        cursor.execute("CREATE TABLE bench_release (ocid text, release_id text, date text, json_text text)")
        cursor.execute("CREATE TABLE bench_project (ocid text, release_count int, compiled_text text)")
    connection.commit() if not connection.get_autocommit() else None
    raw = connection.connection
    started = time.perf_counter()
    rows = 0
    with raw.cursor() as cur:
        with cur.copy("COPY bench_release (ocid, release_id, date, json_text) FROM STDIN") as copy_r, \
                path.open("rb") as fp:
            for line in fp:
                data = orjson.loads(line)
                copy_r.write_row((data["ocid"], data.get("id"), data.get("date"),
                                  line.rstrip(b"\n").decode()))
                rows += 1
        with cur.copy("COPY bench_project (ocid, release_count, compiled_text) FROM STDIN") as copy_p, \
                path.open("rb") as fp:
            for line in fp:
                data = orjson.loads(line)
                copy_p.write_row((data["ocid"], 1, line.rstrip(b"\n").decode()))
    raw.commit()
    return time.perf_counter() - started, rows


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--releases", type=int, default=10000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--corpus", type=Path, default=None,
                        help="use the first --releases lines of this JSON-lines file instead (e.g. the "
                        "red-flag corpus)")
    args = parser.parse_args(argv)
    ensure_postgres(argv)

    import psycopg

    base_url = os.environ["DATABASE_URL"]
    admin_url = base_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS prongsai_bench")
        conn.execute("CREATE DATABASE prongsai_bench")
    os.environ["DATABASE_URL"] = base_url.rsplit("/", 1)[0] + "/prongsai_bench"
    os.environ.setdefault("PRONGSAI_DATA_DIR", tempfile.mkdtemp(prefix="prongsai-bench-"))
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from org.loaders import agency_load
    from procurement.models import Bid, Project, Release, Supplier
    from procurement.services.ocds_import import ocds_import

    call_command("migrate", verbosity=0)
    agency = agency_load(actor=None)
    path = (build_corpus(args.releases, args.rebuild) if args.corpus is None
            else head(args.corpus, args.releases))
    size_mb = path.stat().st_size / 1e6
    print(f"corpus: {args.releases:,} compiled releases, {size_mb:,.0f} MB ({path.name})")

    from procurement.search import words

    words("เตรียม")  # load the Thai dictionary before timing
    started = time.perf_counter()
    with path.open("rb") as fp:
        run = ocds_import(actor=None, sources=[(path.name, fp)], unit=agency)
    import_s = time.perf_counter() - started
    assert run.counts["created"] == args.releases, run.counts
    print(f"import:   {import_s:7.2f} s  {args.releases / import_s:9,.0f} releases/s  "
          f"({Project.objects.count():,} projects, {Release.objects.count():,} releases, "
          f"{Supplier.objects.count():,} suppliers, {Bid.objects.count():,} bids)")
    started = time.perf_counter()
    with path.open("rb") as fp:
        again = ocds_import(actor=None, sources=[(path.name, fp)], unit=agency)
    again_s = time.perf_counter() - started
    print(f"re-import (unchanged): {again_s:7.2f} s  {args.releases / again_s:9,.0f} releases/s  "
          f"(unchanged {again.counts['unchanged']:,})")
    copy_s, rows = copy_baseline(path)
    print(f"COPY:     {copy_s:7.2f} s  {rows / copy_s:9,.0f} releases/s  (same rows: release + project per "
          "line)")
    print(f"ratio import/COPY: {import_s / copy_s:.1f}×   peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main(sys.argv[1:])
