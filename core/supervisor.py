"""Keeping the task worker running (`prongsai supervise_worker`, started by `make run`).

Without it a worker that died (killed by the out-of-memory killer mid-render, say) left the site serving with
no worker at all: reminders and renders stopped without a word. The supervisor starts the worker, and when
it exits for any reason logs when and how, waits, and starts it again; the next worker recovers the task the
dead one was running (`core.task_recovery`). The wait doubles with each failure in a row (`BackOff`), so a
worker that cannot start (database down) does not spin, and starts over once a worker has stayed up.

Stopping the supervisor (SIGTERM, SIGINT, SIGHUP) stops the worker: one SIGTERM, which lets it finish the
task in hand, then SIGKILL after `stop_timeout` (the task is then recovered by the next start, like any lost
one). The worker runs in its own process group, so a Ctrl-C in the terminal reaches it only through the
supervisor, once (a second signal would make the worker abandon its task and mark it failed), and it gets
SIGTERM from the kernel if the supervisor itself is killed.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from core.processes import parent_death_preexec
from core.worker_health import remove_beats_of


@dataclass(frozen=True)
class BackOff:
    initial: float = 1.0
    factor: float = 2.0
    maximum: float = 60.0
    # A worker that ran at least this long was healthy: its death counts as the first failure again.
    stable_after: float = 60.0

    def delay(self, failures: int) -> float:
        """Seconds to wait before the next start after `failures` failures in a row (1, 2, 3, …)."""
        return min(self.maximum, self.initial * self.factor ** max(0, failures - 1))

    def failures_after(self, failures: int, ran_seconds: float) -> int:
        return 1 if ran_seconds >= self.stable_after else failures + 1


def describe_exit(returncode: int) -> str:
    if returncode < 0:
        try:
            return f"killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"killed by signal {-returncode}"
    return f"exit status {returncode}"


def timestamp() -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S%z")


STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


class Supervisor:
    def __init__(self, argv: list[str], *, backoff: BackOff | None = None, stop_timeout: float = 20.0,
                 log: Callable[[str], None] | None = None):
        self.argv = argv
        self.backoff = backoff or BackOff()
        self.stop_timeout = stop_timeout
        self.log = log or (lambda message: print(f"{timestamp()} [worker supervisor] {message}",
                                                 file=sys.stderr, flush=True))
        self.child: subprocess.Popen | None = None
        self.stopping = False
        self._stop_asked = 0.0
        self.starts = 0

    # --- signals

    def install_signals(self) -> None:
        for signum in STOP_SIGNALS:
            signal.signal(signum, self._on_signal)

    def _on_signal(self, signum, frame) -> None:
        self.stop(f"received {signal.Signals(signum).name}")

    def stop(self, reason: str) -> None:
        if self.stopping:
            return
        self.stopping = True
        self._stop_asked = time.monotonic()
        self.log(f"{reason}: stopping the worker")
        if self.child is not None and self.child.poll() is None:
            self.child.terminate()

    # --- the loop

    def _start(self) -> subprocess.Popen:
        self.starts += 1
        child = subprocess.Popen(self.argv, stdin=subprocess.DEVNULL, process_group=0,
                                 preexec_fn=parent_death_preexec(signal.SIGTERM))
        self.log(f"worker started (pid {child.pid})")
        return child

    def _wait(self, child: subprocess.Popen) -> int:
        """The child's exit status; past `stop_timeout` after a stop was asked, kill it."""
        while True:
            try:
                return child.wait(timeout=0.5)
            except subprocess.TimeoutExpired:
                if self.stopping and time.monotonic() - self._stop_asked > self.stop_timeout:
                    self.log(f"worker (pid {child.pid}) still running {self.stop_timeout:g} s after"
                             " SIGTERM: killing it (its task is recovered at the next start)")
                    child.kill()

    def _pause(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while not self.stopping and (left := end - time.monotonic()) > 0:
            time.sleep(min(0.2, left))

    def run(self, *, max_starts: int | None = None) -> int:
        """Until stopped (or, for tests, `max_starts` starts); returns the last worker's exit status."""
        failures = 0
        returncode = 0
        while not self.stopping:
            started = time.monotonic()
            self.child = self._start()
            if self.stopping:  # a stop signal between the start and the assignment
                self.child.terminate()
            returncode = self._wait(self.child)
            ran = time.monotonic() - started
            remove_beats_of(self.child.pid)  # healthz sees the worker gone now, not when its beat ages
            if self.stopping:
                self.log(f"worker (pid {self.child.pid}) stopped: {describe_exit(returncode)}")
                break
            failures = self.backoff.failures_after(failures, ran)
            delay = self.backoff.delay(failures)
            self.log(f"worker (pid {self.child.pid}) ended after {ran:.1f} s: {describe_exit(returncode)};"
                     f" failure {failures} in a row, starting it again in {delay:g} s")
            if max_starts is not None and self.starts >= max_starts:
                break
            self._pause(delay)
        return returncode


def worker_argv(worker_args: list[str]) -> list[str]:
    """The command line of the supervised worker: `prongsai task_worker` under this same interpreter (the
    environment, settings module included, is inherited)."""
    return [sys.executable, "-m", "config.cli", "task_worker", *worker_args]
