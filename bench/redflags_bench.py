"""Benchmark of the red-flag engine on a 60,000-release corpus built from the real OCDS samples.

    .venv/bin/python bench/redflags_bench.py [--releases 60000] [--megabytes 600] [--workers N] [--thai]
                                              [--tracemalloc] [--rebuild]

Builds (once, cached under bench/out/) a JSON-lines corpus of compiled releases: the release packages in
<shared>/ocds/real/ are compiled per ocid, then replicated with new ocids and ids, plausible bids, awards,
buyers and bidder contacts so every indicator has work to do. Then it measures, in the same run:

- the floor: reading and parsing every line with orjson on one core (what any Python screener pays);
- screening with all eleven Cardinal indicators (streamed, all cores), in a child process so that its peak
  memory is its own: wall seconds, peak RSS of the process tree (sampled) and of the largest process;
- the screen/parse ratio;
- optionally the peer itself, when CARDINAL_BIN points to a built `ocdscardinal` binary, and whether its
  results equal ours.

Target from the specification: at most 2 s and 256 MB on a 2-core machine.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
SHARED = Path(os.environ.get("PRONGSAI_SHARED_DIR", ROOT.parent / "shared"))
REAL = SHARED / "ocds" / "real"

METHODS = [
    ("open", "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", 45),
    ("open", "ตลาดอิเล็กทรอนิกส์ (e-market)", 15),
    ("selective", "วิธีคัดเลือก", 12),
    ("limited", "วิธีเฉพาะเจาะจง", 28),
]
CLASSIFICATIONS = [f"{seg}{fam:02d}{cls:02d}00" for seg in (24, 39, 43, 44, 46, 52, 72, 80, 81, 85) for fam in
                   (10, 11, 12, 15) for cls in (15, 16)]
STATUSES = [("valid", 82), ("disqualified", 12), ("pending", 2), ("withdrawn", 2), ("invited", 2)]


# --- corpus -----------------------------------------------------------------------------------------------


def merge(base: dict, update: dict) -> None:
    """Compile step: later values win, objects merge, arrays of objects with `id` merge by id."""
    for key, value in update.items():
        if value is None:
            base.pop(key, None)
        elif isinstance(value, dict) and isinstance(base.get(key), dict):
            merge(base[key], value)
        elif (
            isinstance(value, list)
            and isinstance(base.get(key), list)
            and value
            and all(isinstance(v, dict) and "id" in v for v in value)
        ):
            index = {str(v.get("id")): v for v in base[key] if isinstance(v, dict)}
            for item in value:
                existing = index.get(str(item["id"]))
                if existing is None:
                    base[key].append(copy.deepcopy(item))
                else:
                    merge(existing, item)
        else:
            base[key] = copy.deepcopy(value)


def compile_packages(paths: list[Path]) -> list[dict]:
    by_ocid: dict[str, list[dict]] = {}
    for path in paths:
        for release in json.loads(path.read_text(encoding="utf-8"))["releases"]:
            if "compiled" not in (release.get("tag") or []):
                by_ocid.setdefault(release["ocid"], []).append(release)
    compiled = []
    for releases in by_ocid.values():
        record: dict = {}
        for release in sorted(releases, key=lambda r: r.get("date") or ""):
            merge(record, release)
        record["tag"] = ["compiled"]
        compiled.append(record)
    return compiled


def _weighted(rng: random.Random, options: list[tuple]) -> tuple:
    return rng.choices(options, weights=[o[-1] for o in options])[0]


def _company(rng: random.Random, n: int) -> str:
    return f"0105{int(n):09d}"  # shaped like a 13-digit juristic-person id


ORIGIN = 738_000  # a day ordinal in 2021


def _iso(day: int, hour: int = 10) -> str:
    return f"{date.fromordinal(ORIGIN + day).isoformat()}T{hour:02d}:00:00+07:00"


def _bids(rng: random.Random, i: int, method: str, reference: float, end_day: int) -> tuple[list, list]:
    """The tenderers and their bids: one for a limited method, else a few firms from one loose group."""
    count = 1 if method == "limited" else max(1, min(8, int(rng.expovariate(0.35)) + 1))
    group = int(rng.paretovariate(0.9)) % 3000
    firms = [_company(rng, (group + rng.randrange(0, 40)) % 3000) for _ in range(count)]
    bids = []
    for k, firm in enumerate(firms):
        status = "valid" if count == 1 else _weighted(rng, STATUSES)[0]
        amount = round(reference * rng.uniform(0.8, 1.0), 2)
        if k and rng.random() < 0.02:
            amount = bids[0]["value"]["amount"]
        late = rng.random() < 0.01
        bids.append(
            {
                "id": f"{i:06d}-bid-{k}",
                "status": status,
                "date": _iso(end_day + (3 if late else -rng.randrange(1, 10))),
                "value": {"amount": amount, "currency": "THB"},
                "tenderers": [{"id": firm, "name": f"บริษัท ทดสอบ {firm[-4:]} จำกัด"}],
            }
        )
    return firms, bids


def _awards(rng: random.Random, i: int, template: dict, bids: list, end_day: int) -> list:
    """The award to the lowest valid bid (now and then the second lowest), sometimes with a cancelled copy."""
    valid = sorted((b for b in bids if b["status"] == "valid"), key=lambda b: b["value"]["amount"])
    base_award = (template.get("awards") or [{}])[0]
    awards = []
    if valid:
        winner = valid[1] if len(valid) > 1 and rng.random() < 0.08 else valid[0]
        codes = rng.sample(CLASSIFICATIONS, rng.randrange(1, 4))
        award = copy.deepcopy(base_award) if isinstance(base_award, dict) else {}
        award.update(
            {
                "id": f"{i:06d}-award-1",
                "status": "pending" if rng.random() < 0.03 else "active",
                "date": _iso(end_day + rng.randrange(1, 15)),
                "value": {"amount": winner["value"]["amount"], "currency": "THB"},
                "suppliers": winner["tenderers"],
                "items": [{"id": str(n), "classification": {"scheme": "UNSPSC", "id": c}} for n, c in
                          enumerate(codes)],
            }
        )
        awards.append(award)
        if rng.random() < 0.05:
            awards.append({**award, "id": f"{i:06d}-award-2", "status": "cancelled"})
    return awards


def _parties(rel: dict, i: int, firms: list, buyer: str) -> list:
    """The template's parties under new ids, one party per tendering firm, and the buyer."""
    parties = [p for p in rel.get("parties") or [] if isinstance(p, dict)]
    for p in parties:
        p["id"] = f"{i:06d}-{p.get('id')}"
    for firm in dict.fromkeys(firms):
        n = int(firm[-9:])
        party = {
            "id": firm,
            "name": f"บริษัท ทดสอบ {firm[-4:]} จำกัด",
            "roles": ["tenderer"],
            "address": {"streetAddress": f"{n % 997}/{n % 7} ถนนทดสอบ", "locality": "เขตทดสอบ",
                        "region": "กรุงเทพมหานคร", "postalCode": "10110", "countryName": "ประเทศไทย"},
            # Every third company shares its telephone with its neighbours: a group bidding together.
            "contactPoint": {"name": "ฝ่ายขาย", "telephone": f"02-{n // 3 % 1000:03d}-{n // 3000:04d}"},
        }
        if n % 5 == 0:
            party["details"] = {"directors": [{"name": f"นาย กรรมการ {n % 400}"}]}
        parties.append(party)
    parties.append({"id": buyer, "name": rel["buyer"]["name"], "roles": ["buyer", "procuringEntity"]})
    return parties


def replicate(template: dict, i: int, rng: random.Random) -> dict:
    rel = copy.deepcopy(template)
    rel["ocid"] = f"ocds-prbench-{i:06d}"
    rel["id"] = f"{i:06d}-compiled"
    rel["date"] = _iso(i // 120 + 30)
    buyer = f"TH-DEPT-{int(rng.paretovariate(1.1)) % 300:04d}"
    rel["buyer"] = {"id": buyer, "name": f"หน่วยงานทดสอบ {buyer[-4:]}"}
    method, details, _ = _weighted(rng, METHODS)
    tender = rel.setdefault("tender", {})
    start = i // 120 + rng.randrange(0, 5)
    tender.update(
        {
            "id": f"{i:06d}",
            "status": "cancelled" if rng.random() < 0.03 else "complete",
            "procurementMethod": method,
            "procurementMethodDetails": details,
            "procuringEntity": {"id": buyer, "name": rel["buyer"]["name"]},
            "tenderPeriod": {"startDate": _iso(start), "endDate": _iso(start + rng.randrange(3, 40))},
        }
    )
    end_day = start + 20
    reference = round(rng.lognormvariate(13, 1.2), -2)
    if method == "limited" and rng.random() < 0.3:
        reference = rng.choice([500_000, 100_000]) * rng.uniform(0.9, 1.0)
    tender["value"] = {"amount": round(reference, 2), "currency": "THB"}

    firms, bids = _bids(rng, i, method, reference, end_day)
    rel["bids"] = {"details": bids, "statistics": [{"id": "1", "measure": "bids", "value": len(firms)}]}
    tender["numberOfTenderers"] = sum(1 for b in bids if b["status"] not in ("invited", "withdrawn"))
    if method == "open":
        tender["documentBuyers"] = [{"id": _company(rng, rng.randrange(3000))}
                                    for _ in range(rng.randrange(0, 12))]

    awards = _awards(rng, i, template, bids, end_day)
    rel["awards"] = awards
    for n, contract in enumerate(rel.get("contracts") or []):
        if isinstance(contract, dict):
            contract["id"] = f"{i:06d}-contract-{n}"
            contract["awardID"] = awards[0]["id"] if awards else None

    rel["parties"] = _parties(rel, i, firms, buyer)
    return rel


def build_corpus(path: Path, releases: int, megabytes: int, seed: int = 20240501) -> None:
    templates = compile_packages(sorted(REAL.glob("*.json")))
    sizes = [len(orjson.dumps(t)) for t in templates]
    small = [t for t, s in zip(templates, sizes, strict=True) if s <= 12_000]
    target = megabytes * 1_000_000 / releases
    rng = random.Random(seed)
    written = 0
    tmp = path.with_suffix(".partial")
    with tmp.open("wb") as out:
        for i in range(releases):
            # Keep the mean line length near the target: big templates only while we are under budget.
            pool = small if written > target * i else templates
            line = orjson.dumps(replicate(rng.choice(pool), i, rng)) + b"\n"
            written += len(line)
            out.write(line)
    tmp.replace(path)


# --- measurements ---------------------------------------------------------------------------------------


def baseline_parse(path: Path) -> float:
    loads = orjson.loads
    started = time.perf_counter()
    with path.open("rb") as handle:
        for line in handle:
            loads(line)
    return time.perf_counter() - started


CHILD = """
import resource, sys, time, tracemalloc
sys.path.insert(0, {root!r})
trace = {trace!r}
if trace:
    tracemalloc.start()
from procurement.redflags import screen_file
started = time.perf_counter()
result = screen_file({path!r}, None, include_thai={thai!r}, workers={workers!r}, details=False)
wall = time.perf_counter() - started
out = result.to_json(meta=False)
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
peak = tracemalloc.get_traced_memory()[1] if trace else 0
sys.stderr.write(f"{{wall}} {{own}} {{kids}} {{peak}} {{len(out)}}\\n")
sys.stdout.buffer.write(out)
"""


def _tree_rss_kb(pid: int) -> int:
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        return 0
    for p in pids:
        try:
            for row in Path(f"/proc/{p}/status").read_text().splitlines():
                if row.startswith("VmRSS:"):
                    total += int(row.split()[1])
        except OSError:
            pass
    return total


def run_sampled(command: list[str]) -> tuple[float, int, float, subprocess.CompletedProcess]:
    """Run a command; return wall seconds, peak summed RSS of it and its children (kB), CPU seconds (user +
    system, children included) and the result. CPU time is what other load on a shared machine disturbs
    least."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(command, stdout=out, stderr=err)
        peak = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.005)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        done = subprocess.CompletedProcess(command, proc.returncode, out.read(), err.read())
    return wall, peak, usage.ru_utime + usage.ru_stime, done


def screen_child(path: Path, workers: int | None, thai: bool, trace: bool) -> dict:
    code = CHILD.format(root=str(ROOT), path=str(path), thai=thai, workers=workers, trace=trace)
    wall, tree_kb, cpu, done = run_sampled([sys.executable, "-c", code])
    if done.returncode:
        raise SystemExit(done.stderr.decode())
    inner, own, kids, traced, _ = done.stderr.decode().split()[-5:]
    return {
        "process_wall": wall,
        "screen_wall": float(inner),
        "tree_peak_mb": tree_kb / 1024,
        "largest_process_mb": max(int(own), int(kids)) / 1024,
        "traced_peak_mb": int(traced) / 1_048_576,
        "cpu": cpu,
        "result": json.loads(done.stdout),
    }


def run_peer(binary: str, path: Path) -> dict:
    settings = OUT / "all-indicators.ini"
    settings.write_text("".join(f"[{code}]\n" for code in (
        "R003", "R018", "R024", "R025", "R028", "R030", "R035", "R036", "R038", "R048", "R058")))
    wall, tree_kb, cpu, done = run_sampled(
        [binary, "indicators", "--settings", str(settings), "--no-meta", str(path)]
    )
    if done.returncode:
        raise SystemExit(done.stderr.decode()[-2000:])
    return {"wall": wall, "tree_peak_mb": tree_kb / 1024, "cpu": cpu, "result": json.loads(done.stdout)}


def _runs(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--releases", type=int, default=60_000)
    parser.add_argument("--megabytes", type=int, default=600)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--thai", action="store_true", help="also time the run with the Thai rules")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="also report the Python heap peak (slower)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each measurement; the best is reported")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    corpus = OUT / f"redflags-corpus-{args.releases}-{args.megabytes}mb.jsonl"
    if args.rebuild or not corpus.exists():
        started = time.perf_counter()
        build_corpus(corpus, args.releases, args.megabytes)
        print(f"built corpus in {time.perf_counter() - started:.1f} s")
    size = corpus.stat().st_size
    with corpus.open("rb") as handle:
        lines = sum(1 for _ in handle)
    print(f"corpus: {corpus.relative_to(ROOT)} — {lines:,} releases, {size / 1e6:,.0f} MB, {os.cpu_count()} "
          "CPUs")

    # Other work on a shared machine only ever slows a run down: report the best of a few, and every run.
    parses = [baseline_parse(corpus) for _ in range(args.repeat)]
    parse = min(parses)
    print(f"baseline read+parse (orjson, 1 core): {parse:.2f} s (runs: {_runs(parses)})")

    runs = [screen_child(corpus, args.workers, thai=False, trace=False) for _ in range(args.repeat)]
    ours = min(runs, key=lambda run: run["screen_wall"])
    print(f"screen runs: {_runs([run['screen_wall'] for run in runs])}")
    groups = {g: len(v) for g, v in ours["result"].items()}
    print(
        f"screen, 11 indicators: {ours['screen_wall']:.2f} s in-process, {ours['process_wall']:.2f} s with "
        f"interpreter start, {ours['cpu']:.2f} s CPU over all processes; peak RSS {ours['tree_peak_mb']:.0f} "
        "MB (all processes, sampled), "
        f"largest process {ours['largest_process_mb']:.0f} MB; results {groups}"
    )
    print(f"screen/parse ratio: {ours['screen_wall'] / parse:.2f}")
    verdict = "met" if ours["screen_wall"] <= 2.0 and ours["tree_peak_mb"] <= 256 else "NOT met"
    print(f"target (≤ 2 s, ≤ 256 MB): {verdict}")

    if args.thai:
        thai_runs = [screen_child(corpus, args.workers, thai=True, trace=False) for _ in range(args.repeat)]
        thai = min(thai_runs, key=lambda run: run["screen_wall"])
        print(
            f"screen, 11 indicators + Thai rules: {thai['screen_wall']:.2f} s (runs: "
            f"{_runs([run['screen_wall'] for run in thai_runs])}), {thai['cpu']:.2f} s CPU; "
            f"peak RSS {thai['tree_peak_mb']:.0f} MB"
        )
    if args.tracemalloc:
        traced = screen_child(corpus, 1, thai=False, trace=True)
        print(f"Python heap peak (tracemalloc, 1 process): {traced['traced_peak_mb']:.1f} MB")

    binary = os.environ.get("CARDINAL_BIN")
    if binary:
        peer = run_peer(binary, corpus)
        same = peer["result"] == ours["result"]
        print(
            f"peer ({binary}): {peer['wall']:.2f} s, peak RSS {peer['tree_peak_mb']:.0f} MB; "
            f"ours/peer time {ours['screen_wall'] / peer['wall']:.2f}; identical results: {same}"
        )
    print("bench peak RSS (this process): "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
