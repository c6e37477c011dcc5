"""Child processes that end with their parent.

A forked render process that outlives the worker that forked it holds work nobody will collect: the task is
run again by the next worker (`core.task_recovery`), and the orphan waits on a lock of the dead parent
forever, holding its memory. So every process this project forks binds its life to its parent's:

- on Linux the kernel sends it SIGKILL when the parent dies (`PR_SET_PDEATHSIG`);
- it also checks at start that its parent is still the process that forked it (the parent may have died
  between the fork and the prctl call, and the signal is then never sent), and a watcher thread checks again
  every `WATCH_SECONDS`, which covers systems without prctl.

PR_SET_PDEATHSIG fires when the *thread* that forked the child ends, not the process: fork from the thread
that also waits for the children (as `with ProcessPoolExecutor(...)` does), never from a short-lived helper
thread.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 1.0
ORPHAN_EXIT_STATUS = 70  # a child that found its parent gone; never seen by anyone but the kernel


def _libc():
    name = ctypes.util.find_library("c")
    return ctypes.CDLL(name, use_errno=True) if name else None


def set_parent_death_signal(signum: int) -> bool:
    """Ask the kernel to send `signum` to this process when its parent dies; False where that is not
    available (not Linux), and the watcher thread is then the only guard."""
    if not sys.platform.startswith("linux"):
        return False
    libc = _libc()
    if libc is None:
        return False
    return libc.prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0) == 0


def _watch(parent_pid: int, interval: float) -> None:
    while True:
        time.sleep(interval)
        if os.getppid() != parent_pid:
            os._exit(ORPHAN_EXIT_STATUS)


def bind_to_parent(parent_pid: int, *, signum: int = signal.SIGKILL, interval: float | None = None) -> None:
    """Run first in a forked child (`parent_pid` is the forking process's pid, taken before the fork): the
    child ends when that process does, and never starts any work if it already has."""
    interval = WATCH_SECONDS if interval is None else interval
    set_parent_death_signal(signum)
    # After the prctl: a parent that died before it did is seen here (the child was handed to another
    # process), one that dies later is covered by the signal.
    if os.getppid() != parent_pid:
        os._exit(ORPHAN_EXIT_STATUS)
    threading.Thread(target=_watch, args=(parent_pid, interval), name="parent-watch", daemon=True).start()


def parent_death_preexec(signum: int = signal.SIGTERM):
    """A `preexec_fn` for `subprocess.Popen`: the started program gets `signum` when the starting process
    dies. Only for single-threaded starters (as `preexec_fn` itself requires)."""
    parent_pid = os.getpid()

    def preexec() -> None:
        set_parent_death_signal(signum)
        if os.getppid() != parent_pid:
            os._exit(ORPHAN_EXIT_STATUS)

    return preexec
