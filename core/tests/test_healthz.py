"""`/healthz` is public: it says whether the web can serve (200, or 503 without a database), whether a task
worker is alive (from its heartbeat) and how the queue stands, and nothing about anyone."""

import datetime
import json
import subprocess
import sys
import time

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from core import task_recovery, worker_health

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _task(status=TaskResultStatus.READY, *, enqueued_minutes_ago=0, run_after=None):
    row = DBTaskResult.objects.create(
        status=status, args_kwargs={"args": [1], "kwargs": {}}, task_path="reports.tasks.check_evidence_link",
        backend_name="default", queue_name="default", run_after=run_after or get_date_max(),
    )
    # enqueued_at is set on creation (auto_now_add): move it back by an update.
    DBTaskResult.objects.filter(pk=row.pk).update(
        enqueued_at=timezone.now() - datetime.timedelta(minutes=enqueued_minutes_ago))
    return row


def test_without_a_worker_the_web_answers_200_but_degraded(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert response.json() == {
        "status": "degraded", "problems": ["worker_down"], "database": "ok",
        "worker": {"alive": False, "count": 0, "age_s": None, "last_seen": None},
        "queue": {"ready": 0, "running": 0, "oldest_ready_age_s": None},
    }


def test_a_beating_worker_is_alive_and_says_nothing_about_itself(client):
    heartbeat = worker_health.Heartbeat(task_recovery.process_worker_id(), interval=0.05).start()
    try:
        body = client.get("/healthz").json()
        first_seen = body["worker"]["last_seen"]
        assert body["status"] == "ok" and body["problems"] == []
        assert body["worker"]["alive"] is True and body["worker"]["count"] == 1
        assert 0 <= body["worker"]["age_s"] < 5
        seen = datetime.datetime.fromisoformat(first_seen)
        assert abs(seen - timezone.now()) < datetime.timedelta(seconds=5)
        time.sleep(0.3)  # the thread keeps beating: the time moves on
        assert client.get("/healthz").json()["worker"]["last_seen"] > first_seen
        raw = client.get("/healthz").content.decode()
        assert task_recovery._host() not in raw and str(heartbeat.worker_id) not in raw
    finally:
        heartbeat.stop()
    assert not list(worker_health.heartbeat_dir().glob("*.json"))  # a worker that stops removes its beat
    assert client.get("/healthz").json()["worker"]["alive"] is False


def test_a_stale_beat_or_a_dead_process_is_not_a_live_worker(client):
    old = timezone.now() - datetime.timedelta(seconds=worker_health.ALIVE_SECONDS + 30)
    worker_health.write_beat("vm:1:old", now=old)
    body = client.get("/healthz").json()
    assert body["worker"]["alive"] is False and body["status"] == "degraded"
    assert body["worker"]["age_s"] >= worker_health.ALIVE_SECONDS + 30
    assert datetime.datetime.fromisoformat(body["worker"]["last_seen"]) == old
    # A fresh beat of a process of this machine that no longer exists (killed with -9 a second ago).
    path = worker_health.write_beat("killed")
    beat = json.loads(path.read_text())
    path.write_text(json.dumps({**beat, "pid": _dead_pid()}))
    body = client.get("/healthz").json()
    assert body["worker"]["alive"] is False and body["worker"]["age_s"] < 5
    worker_health.remove_beats_of(json.loads(path.read_text())["pid"])
    assert not path.exists()


def test_the_queue_counts_what_is_due_and_how_long_it_has_waited(client):
    now = timezone.now()
    _task(enqueued_minutes_ago=2)
    _task(enqueued_minutes_ago=60, run_after=now - datetime.timedelta(minutes=5))  # due 5 minutes ago
    _task(run_after=now + datetime.timedelta(days=3))  # a reminder for later: not waiting
    _task(TaskResultStatus.RUNNING)
    _task(TaskResultStatus.SUCCESSFUL, enqueued_minutes_ago=90)
    queue = client.get("/healthz").json()["queue"]
    assert queue["ready"] == 2 and queue["running"] == 1
    assert 295 <= queue["oldest_ready_age_s"] <= 330


def test_a_task_waiting_too_long_is_degraded_even_with_a_worker(client):
    heartbeat = worker_health.Heartbeat(task_recovery.process_worker_id()).start()
    try:
        _task(enqueued_minutes_ago=20)
        body = client.get("/healthz").json()
    finally:
        heartbeat.stop()
    assert body["worker"]["alive"] is True
    assert body["status"] == "degraded" and body["problems"] == ["queue_late"]


def test_without_the_database_it_answers_503(client, monkeypatch):
    from django.db import connection

    def broken():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "down", "database": "unavailable"}
