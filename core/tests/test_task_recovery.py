"""A task whose worker was killed mid-run must not stay "running" forever: the next worker to start queues
it again (or, lost twice, marks it failed) and leaves alone what a live worker is still running."""

import datetime
import logging
import signal
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from core import task_recovery

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A real task that is harmless to run: checking a link that does not exist answers "gone".
TASK = "reports.tasks.check_evidence_link"


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _running(worker_ids, minutes_ago=1):
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING, args_kwargs={"args": [424242], "kwargs": {}}, task_path=TASK,
        backend_name="default", queue_name="default", run_after=get_date_max(), worker_ids=worker_ids,
        started_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
    )


@pytest.fixture
def rows():
    host = task_recovery._host()
    dead = f"{host}:{_dead_pid()}:abc"
    return {
        "killed": _running([dead]),
        "killed_twice": _running([f"{host}:{_dead_pid()}:old", dead]),
        "alive_here": _running([f"{host}:{task_recovery.os.getppid()}:xyz"]),
        "elsewhere_recent": _running(["other-host:123:abc"]),
        "elsewhere_old": _running(["other-host:123:abc"], minutes_ago=90),
        "unnamed_old": _running(["Zq8rB1"], minutes_ago=120),
    }


def _status(row):
    row.refresh_from_db()
    return row.status


def test_stale_tasks_are_queued_again_or_failed_and_live_ones_left_alone(rows, caplog):
    with caplog.at_level(logging.WARNING, logger="core.task_recovery"):
        done = task_recovery.recover_stale_tasks(worker_id=task_recovery.process_worker_id())
    assert _status(rows["killed"]) == TaskResultStatus.READY
    assert _status(rows["elsewhere_old"]) == TaskResultStatus.READY
    assert _status(rows["unnamed_old"]) == TaskResultStatus.READY
    assert _status(rows["killed_twice"]) == TaskResultStatus.FAILED
    assert rows["killed_twice"].exception_class_path == task_recovery.LOST_EXCEPTION
    assert rows["killed_twice"].finished_at is not None
    assert _status(rows["alive_here"]) == TaskResultStatus.RUNNING
    assert _status(rows["elsewhere_recent"]) == TaskResultStatus.RUNNING
    assert sorted(done.requeued) == sorted(str(rows[k].pk)
                                           for k in ("killed", "elsewhere_old", "unnamed_old"))
    assert done.failed == [str(rows["killed_twice"].pk)]
    assert str(rows["killed"].pk) in caplog.text and "queued again" in caplog.text
    # A second worker starting right after finds nothing more to do.
    again = task_recovery.recover_stale_tasks(worker_id=task_recovery.process_worker_id())
    assert again.requeued == [] and again.failed == []


def test_the_worker_recovers_on_start_and_then_runs_the_task(rows, settings, monkeypatch):
    from django_tasks_db.management.commands import db_worker

    settings.TASKS = DB_TASKS
    # The worker loop closes "old" connections between tasks; inside a test's transaction that would drop it.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command("task_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    finally:
        for s, handler in handlers.items():
            signal.signal(s, handler)
    killed = DBTaskResult.objects.get(pk=rows["killed"].pk)
    assert killed.status == TaskResultStatus.SUCCESSFUL and killed.return_value == "gone"
    assert len(killed.worker_ids) == 2 and killed.worker_ids[-1].startswith(task_recovery._host() + ":")
    assert _status(rows["alive_here"]) == TaskResultStatus.RUNNING
    assert _status(rows["killed_twice"]) == TaskResultStatus.FAILED
