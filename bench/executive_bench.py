"""The executive home and the round dashboard under 20 concurrent clients against gunicorn as `make run`
starts it, and the compiled round's XLSX export, each against a baseline measured in the same run.

    .venv/bin/python bench/executive_bench.py [--clients 20] [--requests 10] [--data-dir DIR] [--port 8765]

A fresh data dir (or --data-dir, to reuse one) gets the migrations, the static files and the demo
(`setup_demo`, as `make run` loads it), then the computed indicators' values the task worker keeps
(`reports_refresh_indicators`: what `make run`'s worker does with the refresh the demo's round
queued); gunicorn serves it on a loopback port with the same options as
scripts/run.sh (3 workers unless WEB_CONCURRENCY says otherwise). The executive signs in once through the
login form; then each page is warmed (one request), and `clients` threads fetch it `requests` times each.
Baseline: /healthz (no session, a small JSON answer) under the same load, so the ratio says how far a page
is from the server's floor on this machine at this moment. Targets (issue 14 §3):
- the dashboard and the executive home: p95 ≤ 300 ms, page weight ≤ 150 KB before compression;
- the XLSX export of the demo's round ≤ 1.5 s (baseline: the same compiled data serialised to JSON).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
P95_TARGET_MS, WEIGHT_TARGET_KB, XLSX_TARGET_S = 300, 150, 1.5


def _env(data_dir: Path) -> dict:
    return {**os.environ, "PRONGSAI_DATA_DIR": str(data_dir), "PYTHAINLP_OFFLINE": "1",
            "DJANGO_SETTINGS_MODULE": "config.settings.dev", "PYTHONPATH": str(ROOT),
            "PRONGSAI_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}


def prepare(data_dir: Path) -> None:
    env = _env(data_dir)
    for args in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"], ["setup_demo"],
                 ["reports_refresh_indicators"]):
        subprocess.run([str(BIN / "prongsai"), *args], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)


def serve(data_dir: Path, port: int) -> subprocess.Popen:
    env = {**_env(data_dir), "PRONGSAI_SITE_URL": f"http://127.0.0.1:{port}"}
    proc = subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", os.environ.get("WEB_CONCURRENCY", "3"), "--forwarded-allow-ips=127.0.0.1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(120):
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=30).status_code < 500:
                return proc
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.5)
    proc.terminate()
    raise SystemExit("gunicorn did not start")


def login(base: str, data_dir: Path, username: str = "executive") -> dict:
    password = next(line.split("\t")[1] for line in (data_dir / "demo-logins.txt").read_text().splitlines()
                    if line.startswith(username + "\t"))
    s = requests.Session()
    page = s.get(base + "/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    r = s.post(base + "/accounts/login/", data={"username": username, "password": password,
                                                "csrfmiddlewaretoken": token},
               headers={"Referer": base + "/accounts/login/"}, allow_redirects=False)
    if r.status_code != 302:
        raise SystemExit(f"login failed ({r.status_code})")
    return s.cookies.get_dict()


def load(url: str, cookies: dict, clients: int, per_client: int) -> tuple[list[float], int]:
    def one_client(_):
        times, size = [], 0
        with requests.Session() as s:
            s.cookies.update(cookies)
            for _ in range(per_client):
                t = time.perf_counter()
                r = s.get(url, allow_redirects=False)
                times.append(time.perf_counter() - t)
                if r.status_code != 200:
                    raise SystemExit(f"{url}: {r.status_code}")
                size = len(r.content)
        return times, size

    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(one_client, range(clients)))
    return [t for times, _ in results for t in times], results[0][1]


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[18] * 1000


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def xlsx_figures(data_dir: Path) -> tuple[float, float]:
    """Seconds of the compiled round's XLSX and of the baseline, in a child process on the same database."""
    code = r"""
import time, orjson, django
django.setup()
from reports.models import Round
from reports.compile import compile_round
from reports.exports import excel
from reports.selectors import default_summary_text
from core.documents.xlsx import sheet_title
sheet_title("ความปลอดจากการทุจริตในการปฏิบัติงานของหน่วยงาน")  # the word list, loaded once per process
round_ = Round.objects.filter(status="open").first() or Round.objects.first()
compiled = compile_round(round_)
text = default_summary_text(round_, compiled.stats)
def best(fn, n=3):
    out = []
    for _ in range(n):
        t = time.perf_counter(); fn(); out.append(time.perf_counter() - t)
    return min(out)
base = best(lambda: orjson.dumps([[e.unit.name, e.report.status, [[r.method, r.period_text, r.result]
             for r in e.rows]] for p in compiled.policies for s in p.activities for e in s.entries]))
x = best(lambda: excel.compiled_xlsx(compiled, summary_text=text))
print(f"{x} {base}")
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_env(data_dir), check=True,
                         capture_output=True, text=True).stdout.split()
    return float(out[-2]), float(out[-1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="prongsai-exec-bench-"))
    t0 = time.perf_counter()
    prepare(data_dir)
    print(f"Demo ready in {time.perf_counter() - t0:.0f} s ({data_dir})")
    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}"
    proc = serve(data_dir, port)
    try:
        cookies = login(base, data_dir)
        dash = requests.get(base + "/reports/dashboard/", cookies=cookies, allow_redirects=False)
        pages = {"executive home": base + "/", "department dashboard": base + dash.headers["Location"]}
        for url in pages.values():
            requests.get(url, cookies=cookies)  # warm: each worker keeps its own cache
        base_times, _ = load(base + "/healthz", {}, args.clients, args.requests)
        baseline = p95(base_times)
        print(f"{args.clients} concurrent clients × {args.requests} requests, gunicorn "
              f"{os.environ.get('WEB_CONCURRENCY', '3')} workers")
        print(f"Baseline /healthz: p95 {baseline:.0f} ms")
        for name, url in pages.items():
            times, size = load(url, cookies, args.clients, args.requests)
            p = p95(times)
            print(f"{name}: p95 {p:.0f} ms (median {statistics.median(times) * 1000:.0f} ms), "
                  f"ratio to baseline {p / baseline:.1f} — target p95 ≤ {P95_TARGET_MS} ms: "
                  f"{verdict(p <= P95_TARGET_MS)}")
            print(f"{name}: page weight {size / 1024:.0f} KB — target ≤ {WEIGHT_TARGET_KB} KB: "
                  f"{verdict(size <= WEIGHT_TARGET_KB * 1024)}")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    x, xb = xlsx_figures(data_dir)
    print(f"XLSX export of the demo's round: {x:.2f} s, baseline (JSON of the same data) {xb:.3f} s, "
          f"ratio {x / xb:.0f} — target ≤ {XLSX_TARGET_S} s: {verdict(x <= XLSX_TARGET_S)}")


if __name__ == "__main__":
    main()
