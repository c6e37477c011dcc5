"""Killing the task worker with -9 while it renders the compiled PDF (as the out-of-memory killer or a
deploy would) leaves no render process behind, and the supervisor's next worker renders it again.

Real processes throughout: `prongsai supervise_worker` started as `make run` starts it, its worker claiming
the render a user asked for, the worker's forked render processes seen through /proc. The worker reads the
test's database: on PostgreSQL the test database itself; SQLite's test database lives in this process's
memory, so the worker gets a copy of it in a file (made after the task is queued) and the task's row is
read back from that file."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core import worker_health
from reports.exports import compiled_inputs, pdf
from reports.models import ReportRow
from reports.services.compiled_pdf import compiled_pdf_request
from reports.tests.conftest import report_of

REPO = Path(django_settings.BASE_DIR)
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Enough rows in one activity for its part to take WeasyPrint several seconds: the worker is killed once
# the render processes have finished a small part, while the large one is still being laid out.
ROWS = 250


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process, None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return fields[0], int(fields[1])


def _running(pid: int) -> bool:
    stat = _stat(pid)
    return stat is not None and stat[0] != "Z"  # a zombie holds no memory and does nothing


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (stat := _stat(int(entry))) and stat[1] == pid and stat[0] != "Z":
            found.append(int(entry))
    return found


def _wait_for(predicate, timeout: float, what: str, step: float = 0.05):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if value := predicate():
            return value
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def _worker_database(tmp_path):
    """(DATABASE_URL for the worker, function reading (status, return value, worker ids) of a task)."""
    if connection.vendor == "sqlite":
        target = tmp_path / "worker.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        connection.connection.backup(copy)
        copy.close()

        def read(pk):
            table = DBTaskResult._meta.db_table
            with sqlite3.connect(target, timeout=20) as db:
                row = db.execute(f"SELECT status, return_value, worker_ids FROM {table} WHERE id = ?",
                                 (pk.hex,)).fetchone()
            return row[0], json.loads(row[1]) if row[1] else None, json.loads(row[2])

        return f"sqlite:///{target}", read
    s = connection.settings_dict
    credentials = quote(s["USER"]) + (f":{quote(s['PASSWORD'])}" if s.get("PASSWORD") else "")
    url = f"postgres://{credentials}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"

    def read(pk):
        row = DBTaskResult.objects.get(pk=pk)
        return row.status, row.return_value, row.worker_ids

    return url, read


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_render_leaves_no_process_and_the_render_is_done_again(
    reported_round, people, settings, tmp_path
):
    settings.DATA_DIR = tmp_path  # the worker's data dir too: the parts' cache and the heartbeats
    settings.TASKS = DB_TASKS
    big = report_of(reported_round, "cpd-prov-13", "t-1")
    ReportRow.objects.bulk_create(
        ReportRow(report=big, order=i + 2, method=f"ประชุมชี้แจงแนวทางการทบทวนกระบวนงาน ครั้งที่ {i}",
                  period_text="ต.ค. 2559 - มี.ค. 2560", result="ทบทวนกระบวนงานแล้ว ๒ กระบวนงาน " * 3,
                  evidence_note="รายงานการประชุม")
        for i in range(ROWS)
    )
    admin = people["admin"]
    compiled, text, thai_digits = compiled_inputs(reported_round, admin)
    readiness = pdf.readiness(compiled, summary_text=text, thai_digits=thai_digits)
    assert readiness.ready == 0 and readiness.total == 3
    assert compiled_pdf_request(round_=reported_round, user=admin, readiness=readiness)
    task_pk = DBTaskResult.objects.get(task_path="reports.tasks.render_compiled_pdf").pk
    database_url, read_task = _worker_database(tmp_path)

    log = tmp_path / "supervisor.log"
    env = {"PATH": "/usr/bin:/bin", "PYTHAINLP_OFFLINE": "1", "PRONGSAI_DATA_DIR": str(tmp_path),
           "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "reports.tests.worker_settings"}
    with log.open("wb") as out:
        supervisor = subprocess.Popen(
            [sys.executable, "-m", "config.cli", "supervise_worker", "--backoff-initial", "1", "--",
             "--queue-name", "*", "--interval", "0.2", "--no-startup-delay"],
            cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
    started = [supervisor.pid]
    try:
        # The first worker, once it has forked its render processes.
        worker = _wait_for(lambda: next(iter(_children(supervisor.pid)), None), 60, "the worker")
        started.append(worker)
        renderers = _wait_for(lambda: (kids := _children(worker)) and len(kids) >= 2 and kids, 120,
                              f"render processes (log: {log.read_text()})")
        assert worker_health.worker_status().alive  # its heartbeat, seen by healthz
        parts = [pdf.cache_dir() / f"{key}.pdf" for key in readiness.part_keys]  # front, t-1 (large), t-2
        _wait_for(lambda: parts[0].exists() or parts[2].exists(), 180, "a small part to be rendered")
        assert not parts[1].exists() and read_task(task_pk)[0] == TaskResultStatus.RUNNING  # mid-render

        os.kill(worker, signal.SIGKILL)
        killed_at = time.monotonic()
        _wait_for(lambda: not any(_running(pid) for pid in renderers), 5, "the render processes to end")
        print(f"render processes gone {time.monotonic() - killed_at:.3f} s after the worker was killed")
        _wait_for(lambda: not worker_health.worker_status().alive, 5, "healthz to see the worker gone")

        # The supervisor starts another worker, which queues the lost task again and renders it.
        status, missing, worker_ids = _wait_for(
            lambda: (row := read_task(task_pk))[0] in (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED)
            and row, 240, f"the task to finish again (log: {log.read_text()})", step=0.5)
        assert status == TaskResultStatus.SUCCESSFUL, log.read_text()
        assert len(worker_ids) == 2 and missing >= 1  # claimed by two workers; the second rendered parts
        assert pdf.readiness(compiled, summary_text=text, thai_digits=thai_digits).complete
        assert pdf.queued_progress(readiness.document_key) is None
        second = _wait_for(lambda: next(iter(_children(supervisor.pid)), None), 10, "the second worker")
        started.append(second)
        assert second != worker and worker_health.worker_status().alive
        history = log.read_text()
        assert f"worker (pid {worker}) ended after" in history and "killed by SIGKILL" in history
        assert "failure 1 in a row, starting it again in 1 s" in history

        # Stopping the supervisor (as Ctrl-C or SIGTERM to `make run` does) stops its worker: nothing is left.
        supervisor.send_signal(signal.SIGTERM)
        assert supervisor.wait(timeout=60) == 0
        assert not _running(second) and _children(second) == []
        assert not worker_health.worker_status().alive
        assert "received SIGTERM: stopping the worker" in log.read_text()
    finally:
        for pid in reversed(started):
            if _running(pid):
                os.kill(pid, signal.SIGKILL)
        supervisor.wait(timeout=10)
