"""Scale-out on one machine: 2 gunicorn processes and 2 task workers against one PostgreSQL, on loopback.

    scripts/with-postgres.sh .venv/bin/python bench/scaleout_bench.py [--requests 200] [--threads 6]

The database named in DATABASE_URL is created (it must not exist), migrated and given the department, its
plan, the demo accounts and an open round due tomorrow (so the "one day before" reminder applies today).
Then, with both web processes and both workers running:
- reminders: the reminder task is queued 10 times (both workers take them) while two `prongsai
  reports_reminders` run at the same time; every e-mail (file backend) must carry a distinct Message-ID and
  every report waiting for one must have exactly one ReminderLog, sent;
- concurrent edits: two sessions of the same reporter open the same report's form (same version) and post
  different text at the same moment, one to each web process; exactly one save may win, the other must get
  the conflict page (nothing overwritten silently), and the report's version must have moved by one;
- bounded load: `--threads` clients make `--requests` requests over both ports (pages, the dashboard, the
  health check); no response may be a server error, and the p95 latency is printed.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import email
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
RECIPIENT_UNITS = 31  # Chiang Mai's demo reporter and one reporter each in 30 more provinces

SETUP = r"""
import datetime, json
from django.utils import timezone
from reports.models import Round, Report
from reports.services.rounds import round_sync_slots
from site_shell.demo import load_demo_accounts, load_department
agency, plan = load_department()
accounts = {u: p for u, p, _ in load_demo_accounts(agency)}
today = timezone.localdate()
r = Round.objects.create(plan=plan, fiscal_year=2564, name="scale-out",
                         opens_on=today - datetime.timedelta(days=20),
                         due_on=today + datetime.timedelta(days=1), status="open", opened_at=timezone.now())
round_sync_slots(r)
from accounts.models import RoleAssignment, User
from org.models import Unit
others = Unit.objects.filter(kind="provincial_office").exclude(code="cpd-prov-13").order_by("path")
for n, unit in enumerate(others[:RECIPIENT_UNITS]):
    user = User.objects.create(username=f"rep{n}", email=f"rep{n}@example.test", unit=unit)
    RoleAssignment.objects.create(user=user, role="reporter", unit=unit)
report = Report.objects.filter(round=r, unit__code="cpd-prov-13", kind="unit").order_by("id").first()
print("SETUP" + json.dumps({"round": r.pk, "report": report.pk, "password": accounts["reporter.cm"],
                            "planadmin": accounts["planadmin"]}))
"""

CHECK = r"""
import json
from reports.models import ReminderLog, Report
rid = {round}
logs = ReminderLog.objects.filter(report__round_id=rid)
waiting = Report.objects.filter(round_id=rid, status__in=Report.EDITABLE).count()
per_report = list(logs.values_list("report_id", "kind"))
print("CHECK" + json.dumps({{"logs": logs.count(), "sent": logs.filter(sent_at__isnull=False).count(),
      "distinct": len(set(per_report)), "waiting": waiting,
      "report": list(Report.objects.filter(pk={report}).values_list("version", "problems"))[0]}}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def shell(env, code: str, tag: str) -> dict:
    out = subprocess.run([str(BIN / "prongsai"), "shell", "-c", code], env=env, cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(next(line for line in out.splitlines() if line.startswith(tag))[len(tag):])


class Inputs(HTMLParser):
    """The named fields of the report form as the page fills them (what a browser would post)."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._select: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "file", "button"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append((a["name"], a.get("value") or ""))
        elif tag == "textarea" and a.get("name"):
            self._textarea, self._text = a["name"], ""
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, self._text))
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self._text += data


def login(base: str, username: str, password: str) -> requests.Session:
    s = requests.Session()
    page = s.get(f"{base}/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    r = s.post(f"{base}/accounts/login/", data={"username": username, "password": password,
                                                "csrfmiddlewaretoken": token},
               headers={"Referer": f"{base}/accounts/login/"}, allow_redirects=False)
    assert r.status_code == 302, f"login failed: {r.status_code}"
    return s


def wait_ready(bases: list[str]) -> None:
    for base in bases:
        for _ in range(120):
            try:
                if requests.get(f"{base}/healthz", timeout=60).status_code == 200:
                    break
            except requests.RequestException:  # still starting
                pass
            time.sleep(0.5)


def reminders_once(env, setup, bases, data_dir: Path) -> bool:
    """Queued 10 times for the workers, and two command runs at the same moment."""
    shell(env, "from reports.tasks import send_due_reminders\n"
               f"[send_due_reminders.enqueue(round_id={setup['round']}) for _ in range(10)]\n"
               "print('Q{}')", "Q")
    runs = [subprocess.Popen([str(BIN / "prongsai"), "reports_reminders"], env=env, cwd=ROOT,
                             stdout=subprocess.DEVNULL) for _ in range(2)]
    for run in runs:
        run.wait()
    deadline = time.time() + 300
    while time.time() < deadline:
        queue = requests.get(f"{bases[0]}/healthz", timeout=30).json()["queue"]
        if queue["ready"] == 0 and queue["running"] == 0:
            break
        time.sleep(1)
    ids = []
    for path in sorted((data_dir / "mail").glob("*.log")) if (data_dir / "mail").exists() else []:
        for chunk in path.read_text(errors="replace").split("\n" + "-" * 79 + "\n"):
            mid = email.message_from_string(chunk.strip()).get("Message-ID") if chunk.strip() else None
            if mid and "reminder." in mid:
                ids.append(mid)
    check = shell(env, CHECK.format(round=setup["round"], report=setup["report"]), "CHECK")
    once = (len(ids) == len(set(ids)) == RECIPIENT_UNITS
            and check["logs"] == check["distinct"] == check["sent"] == check["waiting"])
    print(f"reminders: {len(ids)} e-mails ({RECIPIENT_UNITS} units have a reporter with an address), "
          f"{len(set(ids))} distinct Message-IDs; {check['logs']} reminder records for {check['waiting']} "
          f"waiting reports, {check['sent']} marked sent; exactly once: {'met' if once else 'NOT met'}")
    return once


def no_lost_update(env, setup, bases) -> bool:
    """Two sessions post different text on the same version at the same moment, one to each process."""
    before = shell(env, CHECK.format(round=setup["round"], report=setup["report"]), "CHECK")["report"][0]
    sessions = [login(base, "reporter.cm", setup["password"]) for base in bases]
    edit = f"/reports/{setup['report']}/edit/"
    forms = []
    for s, base in zip(sessions, bases, strict=True):
        page = Inputs()
        page.feed(s.get(base + edit).text)
        forms.append(page.fields)
    barrier = threading.Barrier(2)
    results = [None, None]

    def post(i):
        data = [(k, v) for k, v in forms[i] if k != "problems"]
        data += [("problems", f"ข้อความจากผู้ใช้ที่ {i + 1}"), ("action", "save")]
        barrier.wait()
        results[i] = sessions[i].post(bases[i] + edit, data=data, headers={"Referer": bases[i] + edit},
                                      allow_redirects=False)

    threads = [threading.Thread(target=post, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    after = shell(env, CHECK.format(round=setup["round"], report=setup["report"]), "CHECK")["report"]
    winners = [i for i, r in enumerate(results) if r.status_code == 302]
    loser_told = all(results[i].status_code == 409 for i in range(2) if i not in winners)
    ok = (len(winners) == 1 and after[0] == before + 1 and loser_told
          and after[1] == f"ข้อความจากผู้ใช้ที่ {winners[0] + 1}")
    print(f"concurrent edit: responses {[r.status_code for r in results]}; version {before} → {after[0]}; "
          f"saved text “{after[1]}”; the other got the conflict page (409): {loser_told}; no lost update: "
          f"{'met' if ok else 'NOT met'}")
    return ok


def bounded_load(setup, bases, n_requests: int, n_threads: int) -> bool:
    planadmin = [login(base, "planadmin", setup["planadmin"]) for base in bases]
    rnd = setup["round"]
    paths = ["/healthz", f"/reports/rounds/{rnd}/", f"/reports/rounds/{rnd}/dashboard/",
             f"/reports/{setup['report']}/", "/"]
    lock = threading.Lock()
    latencies, errors = [], []

    def one(n):
        i, path = n % 2, paths[n % len(paths)]
        started = time.perf_counter()
        try:
            status = planadmin[i].get(bases[i] + path, timeout=60).status_code
        except requests.RequestException as exc:
            status = repr(exc)
        with lock:
            latencies.append((time.perf_counter() - started) * 1000)
            if not isinstance(status, int) or status >= 500:
                errors.append((path, status))

    with concurrent.futures.ThreadPoolExecutor(n_threads) as pool:
        list(pool.map(one, range(n_requests)))
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(f"load: {n_requests} requests, {n_threads} concurrent, over 2 gunicorn processes × 2 workers; "
          f"p50 {statistics.median(latencies):.0f} ms, p95 {p95:.0f} ms; server errors: {len(errors)} "
          f"{errors[:5]}: {'met' if not errors else 'NOT met'}")
    return not errors


def start(env, ports) -> list[subprocess.Popen]:
    quiet = {"env": env, "cwd": ROOT, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL,
             "start_new_session": True}
    procs = [subprocess.Popen([str(BIN / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{p}",
                               "--workers", "2", "--timeout", "120"], **quiet) for p in ports]
    return procs + [subprocess.Popen([str(BIN / "prongsai"), "task_worker", "--queue-name", "*"], **quiet)
                    for _ in range(2)]


def stop(procs) -> None:
    for proc in procs:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    for proc in procs:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--threads", type=int, default=6)
    args = parser.parse_args()
    data_dir = Path(os.environ.get("PRONGSAI_DATA_DIR") or f"/tmp/prongsai-scaleout-{os.getpid()}")
    url = os.environ["DATABASE_URL"]
    subprocess.run(["psql", url.rsplit("/", 1)[0] + "/postgres", "-qc",
                    f'CREATE DATABASE "{url.rsplit("/", 1)[1]}"'], check=True)
    env = {**os.environ, "PYTHAINLP_OFFLINE": "1", "PRONGSAI_DATA_DIR": str(data_dir),
           "DJANGO_SETTINGS_MODULE": "config.settings.dev",
           "PRONGSAI_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend"}
    for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([str(BIN / "prongsai"), *command], check=True, env=env, cwd=ROOT)
    setup = shell(env, SETUP.replace("RECIPIENT_UNITS", str(RECIPIENT_UNITS - 1)), "SETUP")
    ports = [free_port(), free_port()]
    env["PRONGSAI_SITE_URL"] = f"http://127.0.0.1:{ports[0]}"
    procs = start(env, ports)
    bases = [f"http://127.0.0.1:{p}" for p in ports]
    try:
        wait_ready(bases)
        verdicts = [reminders_once(env, setup, bases, data_dir), no_lost_update(env, setup, bases),
                    bounded_load(setup, bases, args.requests, args.threads)]
    finally:
        stop(procs)
    print("scale-out:", "met" if all(verdicts) else "NOT met")


if __name__ == "__main__":
    main()
