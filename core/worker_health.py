"""Is a task worker running, and is the queue moving? Read by `healthz`.

A worker writes a heartbeat file under DATA_DIR/workers every `BEAT_SECONDS` from a thread of its own, so a
long task (a department's PDF) does not make it look dead. DATA_DIR is where the heartbeat lives because the
web and the worker must share it already: the worker renders the compiled PDF's parts into it for the web
to serve. A worker counts as alive while its latest beat is younger than `ALIVE_SECONDS` and, when it ran on
this machine, its process still exists (a worker killed with -9 is seen as gone at once, not 30 s later).

Nothing here names a person: `healthz` is public.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db.models import Min, Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from core.task_recovery import _host, _process_alive

logger = logging.getLogger(__name__)

BEAT_SECONDS = 5.0
ALIVE_SECONDS = 30.0


def heartbeat_dir() -> Path:
    return Path(settings.DATA_DIR) / "workers"


def _file_name(worker_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", worker_id)[:100] + ".json"


def write_beat(worker_id: str, *, now: datetime.datetime | None = None) -> Path:
    """Record that this process, worker `worker_id`, is alive now (written whole or not at all)."""
    directory = heartbeat_dir()
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = directory / _file_name(worker_id)
    beat = {"host": _host(), "pid": os.getpid(), "last_seen": (now or timezone.now()).isoformat()}
    temporary = target.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(json.dumps(beat))
    os.replace(temporary, target)
    return target


def remove_beat(worker_id: str) -> None:
    (heartbeat_dir() / _file_name(worker_id)).unlink(missing_ok=True)


def remove_beats_of(pid: int) -> None:
    """Forget the beats of a process of this machine that has ended (the supervisor, when its worker dies)."""
    for beat, path in _beats():
        if beat.get("host") == _host() and beat.get("pid") == pid:
            path.unlink(missing_ok=True)


class Heartbeat:
    """The beating thread of a worker: `start()` as it starts, `stop()` as it ends (removes its file)."""

    def __init__(self, worker_id: str, *, interval: float = BEAT_SECONDS):
        self.worker_id = worker_id
        self.interval = interval
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="worker-heartbeat", daemon=True)

    def start(self) -> Heartbeat:
        write_beat(self.worker_id)  # at once, before the first interval: the worker is up
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stopped.wait(self.interval):
            try:
                write_beat(self.worker_id)
            except OSError:
                logger.exception("worker heartbeat not written")

    def stop(self) -> None:
        self._stopped.set()
        if self._thread.is_alive():
            self._thread.join(timeout=self.interval + 1)
        remove_beat(self.worker_id)


def _beats():
    directory = heartbeat_dir()
    if not directory.is_dir():
        return
    for path in directory.glob("*.json"):
        try:
            beat = json.loads(path.read_text())
        except (OSError, ValueError):
            continue  # removed while reading, or not ours
        if isinstance(beat, dict):
            yield beat, path


def _beat_alive(beat: dict, age: float) -> bool:
    if age > ALIVE_SECONDS:
        return False
    pid = beat.get("pid")
    return beat.get("host") != _host() or not isinstance(pid, int) or _process_alive(pid)


@dataclass(frozen=True)
class WorkerStatus:
    alive: bool
    last_seen: datetime.datetime | None
    age_s: float | None
    count: int  # workers alive


def worker_status(*, now: datetime.datetime | None = None) -> WorkerStatus:
    """The freshest heartbeat of any worker, and how many are alive."""
    now = now or timezone.now()
    latest: datetime.datetime | None = None
    alive = 0
    for beat, _ in _beats():
        try:
            seen = datetime.datetime.fromisoformat(beat["last_seen"])
        except (KeyError, TypeError, ValueError):
            continue
        age = (now - seen).total_seconds()
        alive += _beat_alive(beat, age)
        latest = seen if latest is None or seen > latest else latest
    age_s = round((now - latest).total_seconds(), 1) if latest else None
    return WorkerStatus(alive > 0, latest, age_s, alive)


@dataclass(frozen=True)
class QueueStatus:
    ready: int  # due now and waiting for a worker (tasks deferred to a later time are not counted)
    running: int
    oldest_ready_age_s: float | None  # how long the longest-waiting of them has been due


def queue_status(*, backend_name: str = "default", now: datetime.datetime | None = None) -> QueueStatus:
    now = now or timezone.now()
    tasks = DBTaskResult.objects.filter(backend_name=backend_name)
    ready = tasks.ready()
    never_deferred = Q(run_after=get_date_max())
    oldest = ready.aggregate(enqueued=Min("enqueued_at", filter=never_deferred),
                             due=Min("run_after", filter=~never_deferred))
    since = min((t for t in oldest.values() if t is not None), default=None)
    return QueueStatus(
        ready=ready.count(),
        running=tasks.running().count(),
        oldest_ready_age_s=round(max(0.0, (now - since).total_seconds()), 1) if since else None,
    )
