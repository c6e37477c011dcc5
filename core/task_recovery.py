"""Tasks left "running" by a worker that is gone. The database backend marks a task RUNNING when a worker
claims it and only that worker ever finishes it, so a worker killed mid-task (out of memory, a deploy, a
reboot) leaves the row RUNNING forever, and a page polling for it waits forever. A worker that starts
first looks for such rows:

- the worker that claimed it ran on this machine and its process no longer exists, or
- it was claimed longer ago than any task here runs (`stale_after`), whoever claimed it.

Such a task is queued again once: every task of this project loads by id and is safe to run twice. A task
lost a second time (one that kills its worker, such as a render running out of memory) is marked failed
instead, so that it cannot take down every worker that starts."""

from __future__ import annotations

import datetime
import logging
import os
import socket
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

STALE_AFTER = datetime.timedelta(hours=1)
MAX_LOSSES = 2
LOST_EXCEPTION = "core.task_recovery.WorkerLost"


class WorkerLost(Exception):
    """Recorded as the failure of a task whose worker disappeared while running it."""


def _host() -> str:
    return socket.gethostname()[:30] or "host"


def process_worker_id() -> str:
    """A worker id that tells which machine and process claimed a task (at most 64 characters)."""
    return f"{_host()}:{os.getpid()}:{get_random_string(12)}"


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


def _claimer_gone(worker_id: str, me: str) -> bool:
    if worker_id == me:
        return False
    host, _, rest = worker_id.partition(":")
    pid_text = rest.partition(":")[0]
    if host != _host() or not pid_text.isdigit():
        return False  # another machine, or an id that does not say: only age can tell
    pid = int(pid_text)
    # Our own pid under another id: an earlier process that had it (a restarted container), as this one
    # has claimed nothing yet.
    return pid == os.getpid() or not _process_alive(pid)


@dataclass
class Recovery:
    requeued: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def recover_stale_tasks(*, backend_name: str = "default", stale_after: datetime.timedelta = STALE_AFTER,
                        worker_id: str = "", now: datetime.datetime | None = None) -> Recovery:
    """Run by a worker as it starts, before it claims anything (`worker_id` is its own)."""
    now = now or timezone.now()
    done = Recovery()
    running = DBTaskResult.objects.running().filter(backend_name=backend_name)
    for row in running.only("id", "task_path", "started_at", "worker_ids"):
        claimer = row.worker_ids[-1] if row.worker_ids else ""
        too_old = row.started_at is None or row.started_at < now - stale_after
        if not (too_old or _claimer_gone(claimer, worker_id)):
            continue
        with transaction.atomic():
            # Conditional on still RUNNING: another worker starting at the same time recovers it only once.
            current = DBTaskResult.objects.running().filter(pk=row.pk)
            if len(row.worker_ids) >= MAX_LOSSES:
                changed = current.update(
                    status=TaskResultStatus.FAILED, finished_at=now, return_value=None,
                    exception_class_path=LOST_EXCEPTION,
                    traceback=f"{LOST_EXCEPTION}: worker {claimer or '?'} stopped while running this task, "
                              f"{len(row.worker_ids)} times; not queued again\n")
                if changed:
                    done.failed.append(str(row.pk))
                    logger.error("task %s (%s) lost its worker %s again: marked failed", row.pk,
                                 row.task_path, claimer)
            else:
                changed = current.update(status=TaskResultStatus.READY)
                if changed:
                    done.requeued.append(str(row.pk))
                    logger.warning("task %s (%s) was left running by worker %s, which is gone: queued again",
                                   row.pk, row.task_path, claimer)
    return done
