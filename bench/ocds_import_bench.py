"""`prongsai ocds import` of a 10,000-release package against `ocdskit compile` of the same file, in one run.

    .venv/bin/python bench/ocds_import_bench.py [--releases 10000] [--rebuild] [--runs 1]

The corpus (cached under bench/out/, gitignored) is one OCDS 1.1 release package: the releases of the real
samples in procurement/tests/data/ocds/real/ (NSW and Paraguay, without the publisher's own compiled
releases), replicated with new ocids and release ids and shuffled, so that a process's releases lie far apart
in the file as they do in a publisher's bulk download. Every copy of a Paraguayan contract also gets
milestones in its contract release and an empty `milestones` array in a later amendment release (the data-loss
case of the merge routine).

Both programs run as child processes, each from its own interpreter start, timed by wall clock, with their
peak RSS from wait4:
- the baseline: `ocdskit compile --schema <local release schema>` reading the file, writing compiled releases
  to /dev/null (it groups releases by ocid in a temporary SQLite file and merges with ocdsmerge);
- the import: `prongsai ocds import FILE` into a fresh SQLite database (migrated and loaded with the
  department's units beforehand, untimed): every release stored with its hash, each process compiled, fields,
  suppliers, bids and the search index written, one transaction.
Both run from compiled bytecode, as installed programs do: pip compiled the baseline's modules when it
installed them, and the project's own are compiled here before the runs (untimed; an environment with
PYTHONDONTWRITEBYTECODE would otherwise have the import compile about a hundred modules at every start).
Targets: import ≤ 0.5 × the baseline's time, peak RSS ≤ 256 MB. The time target is counted met only when both
ratios meet it, wall clock and CPU time (user + system): the machine is shared, and load from other work
inflates the wall time of whichever program it falls on, while CPU time moves less with it."""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
REAL = ROOT / "procurement" / "tests" / "data" / "ocds" / "real"
SCHEMA = ROOT / "procurement" / "data" / "ocds-1.1.5" / "release-schema.json"
BIN = Path(sys.executable).parent
TIME_TARGET, RSS_TARGET_MB = 0.5, 256


def _templates() -> list[dict]:
    releases = []
    for name in sorted(REAL.glob("*.json")):
        releases += [
            r
            for r in json.loads(name.read_text(encoding="utf-8"))["releases"]
            if "compiled" not in (r.get("tag") or [])
        ]
    by_ocid: dict[str, list[dict]] = {}
    for release in releases:
        by_ocid.setdefault(release["ocid"], []).append(release)
    for group in by_ocid.values():
        dated = sorted((r for r in group if r.get("contracts")), key=lambda r: r["date"])
        if len(dated) >= 2:
            for contract in dated[0]["contracts"]:
                contract["milestones"] = [
                    {
                        "id": f"{contract['id']}-m{n}",
                        "title": f"งวดที่ {n}",
                        "type": "delivery",
                        "status": "scheduled",
                        "dueDate": dated[0]["date"],
                    }
                    for n in range(1, 4)
                ]
            for contract in dated[-1]["contracts"]:
                contract["milestones"] = []
    return releases


def build_corpus(count: int, rebuild: bool) -> Path:
    path = OUT / f"ocds-import-corpus-{count}.json"
    if path.exists() and not rebuild:
        return path
    templates = _templates()
    order = list(range(count))
    random.Random(20240601).shuffle(order)
    OUT.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fp:
        fp.write(
            b'{"uri": "https://example.test/bench.json", "version": "1.1", '
            b'"publishedDate": "2024-06-01T00:00:00Z", "publisher": {"name": "bench"}, "releases": [\n'
        )
        for n, i in enumerate(order):
            release = copy.deepcopy(templates[i % len(templates)])
            suffix = f"-b{i // len(templates):05d}"
            release["ocid"] += suffix
            release["id"] = f"{release['id']}{suffix}"
            fp.write((b",\n" if n else b"") + json.dumps(release, ensure_ascii=False).encode())
        fp.write(b"\n]}\n")
    tmp.rename(path)
    return path


def run_child(argv: list[str], *, stdin=None, env=None) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of the child."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read()
    if child.returncode != 0:
        sys.exit(f"{argv[0]} failed ({child.returncode}):\n{text.decode(errors='replace')[-3000:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def compile_project() -> None:
    """Bytecode for the project's modules (into their __pycache__, ignored by git), as an install makes it."""
    import compileall

    for package in sorted(p.parent for p in ROOT.glob("*/__init__.py")):
        compileall.compile_dir(package, quiet=1)


def prepare_database(workdir: Path) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "PYTHAINLP_OFFLINE": "1",
        "PRONGSAI_DATA_DIR": str(workdir / "data"),
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
    }
    (workdir / "data").mkdir(exist_ok=True)
    code = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('migrate', verbosity=0); from org.loaders import agency_load; agency_load(actor=None)"
    )
    subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True)
    return env


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--releases", type=int, default=10000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--runs", type=int, default=1, help="alternate the two programs this many times")
    args = parser.parse_args(argv)

    ocdskit = shutil.which("ocdskit", path=str(BIN)) or shutil.which("ocdskit")
    prongsai = shutil.which("prongsai", path=str(BIN))
    if not ocdskit or not prongsai:
        sys.exit("needs ocdskit and prongsai installed in the venv (make installs requirements.lock)")
    path = build_corpus(args.releases, args.rebuild)
    compile_project()
    print(
        f"corpus: {args.releases:,} releases, {path.stat().st_size / 1e6:,.0f} MB, "
        f"release package ({path.name})"
    )

    ratios = []
    for run in range(1, args.runs + 1):
        with path.open("rb") as stdin:
            kit_s, kit_cpu, kit_mb = run_child([ocdskit, "compile", "--schema", str(SCHEMA)], stdin=stdin)
        with tempfile.TemporaryDirectory(prefix="prongsai-ocds-bench-") as tmp:
            env = prepare_database(Path(tmp))
            imp_s, imp_cpu, imp_mb = run_child([prongsai, "ocds", "import", str(path)], env=env)
            check = (
                "import django; django.setup(); from procurement.models import Project, Release; "
                "print(Project.objects.count(), Release.objects.count())"
            )
            projects, releases = subprocess.run(
                [sys.executable, "-c", check], env=env, cwd=ROOT, check=True, capture_output=True, text=True
            ).stdout.split()
        wall, cpu = imp_s / kit_s, imp_cpu / kit_cpu
        ratios.append((wall, cpu, imp_mb))
        print(
            f"run {run}: ocdskit compile {kit_s:6.2f} s (CPU {kit_cpu:5.2f} s) {kit_mb:5.0f} MB | "
            f"prongsai ocds import {imp_s:6.2f} s (CPU {imp_cpu:5.2f} s) {imp_mb:5.0f} MB "
            f"({int(projects):,} processes, {int(releases):,} releases stored)"
        )
        print(f"  {_verdict(wall, cpu, imp_mb)}")
    if len(ratios) > 1:
        walls, cpus, rss = (sorted(column) for column in zip(*ratios, strict=True))
        middle = len(ratios) // 2
        print(f"median of {len(ratios)} runs: {_verdict(walls[middle], cpus[middle], rss[middle])}")


def _verdict(wall: float, cpu: float, rss_mb: float) -> str:
    """The time target is met only when both ratios meet it (see the module's docstring)."""
    time_met = wall <= TIME_TARGET and cpu <= TIME_TARGET
    return (
        f"import/compile wall {wall:.2f}, CPU {cpu:.2f} (target ≤ {TIME_TARGET} for both): "
        f"{'met' if time_met else 'NOT met'}; peak RSS {rss_mb:.0f} MB (target ≤ {RSS_TARGET_MB} MB): "
        f"{'met' if rss_mb <= RSS_TARGET_MB else 'NOT met'}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
