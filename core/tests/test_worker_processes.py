"""Render processes end with the process that forked them: through the kernel's parent-death signal, and
through their own check of the parent when that signal is not there or came too late."""

import os
import signal
import time
from pathlib import Path

import pytest

from core import processes
from core.documents.pdf import render_pool


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def _sleep(seconds):
    time.sleep(seconds)
    return os.getpid()


def _pool_children_after_parent_killed(tmp_path) -> tuple[list[int], float]:
    """Fork a parent that renders with `render_pool(2)`, kill it with -9 while its children work, and return
    the children's pids and how long they took to end."""
    pids_file = tmp_path / "pids"
    parent = os.fork()
    if parent == 0:  # the "worker"
        try:
            with render_pool(2) as pool:
                futures = [pool.submit(_sleep, 0.0) for _ in range(2)]
                pids_file.write_text(" ".join(str(f.result()) for f in futures))
                list(pool.map(_sleep, [60, 60]))
        finally:
            os._exit(0)
    try:
        for _ in range(500):
            if pids_file.exists() and pids_file.read_text():
                break
            time.sleep(0.02)
        children = [int(pid) for pid in pids_file.read_text().split()]
        assert all(_running(pid) for pid in children)
        os.kill(parent, signal.SIGKILL)
        killed = time.monotonic()
        while any(_running(pid) for pid in children) and time.monotonic() - killed < 10:
            time.sleep(0.005)
        return children, time.monotonic() - killed
    finally:
        os.waitpid(parent, 0)


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="reads /proc")
def test_render_processes_die_with_their_parent(tmp_path):
    children, took = _pool_children_after_parent_killed(tmp_path)
    assert not any(_running(pid) for pid in children) and took < 1


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="reads /proc")
def test_without_the_kernel_signal_the_children_notice_themselves(tmp_path, monkeypatch):
    monkeypatch.setattr(processes, "set_parent_death_signal", lambda signum: False)
    monkeypatch.setattr(processes, "WATCH_SECONDS", 0.1)  # read when the pool binds its children
    children, took = _pool_children_after_parent_killed(tmp_path)
    assert not any(_running(pid) for pid in children) and took < 3


def test_a_child_whose_parent_is_already_gone_starts_no_work():
    child = os.fork()
    if child == 0:
        processes.bind_to_parent(os.getppid() + 1_000_000)  # not our parent: as if it had died first
        os._exit(0)  # reached only if the check failed
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == processes.ORPHAN_EXIT_STATUS
