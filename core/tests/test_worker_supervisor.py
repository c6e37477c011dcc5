"""The supervisor of `make run`'s worker: restarts it with a back-off that doubles with each failure in a
row and starts over once a worker stayed up, logs each end with its time and status, and stops the worker
when it stops (SIGTERM once, SIGKILL after the timeout). Real child processes throughout."""

import re
import signal
import sys
import threading
import time

from core.supervisor import BackOff, Supervisor, describe_exit, worker_argv


def test_the_back_off_doubles_up_to_a_minute_and_starts_over_after_a_stable_run():
    backoff = BackOff()
    assert [backoff.delay(n) for n in range(1, 10)] == [1, 2, 4, 8, 16, 32, 60, 60, 60]
    failures = 0
    for ran in (0.5, 2, 10):  # three quick deaths in a row
        failures = backoff.failures_after(failures, ran)
    assert failures == 3 and backoff.delay(failures) == 4
    assert backoff.failures_after(failures, 61) == 1  # it had stayed up: the next wait is short again
    assert BackOff(initial=0.5, factor=3, maximum=10).delay(4) == 10


def test_exit_statuses_are_said_plainly():
    assert describe_exit(-9) == "killed by SIGKILL"
    assert describe_exit(-15) == "killed by SIGTERM"
    assert describe_exit(0) == "exit status 0" and describe_exit(3) == "exit status 3"


def test_a_worker_that_keeps_dying_is_restarted_later_and_later_and_logged(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    lines = []
    supervisor = Supervisor([sys.executable, "-c", "import sys; sys.exit(3)"],
                            backoff=BackOff(initial=0.2, maximum=0.4), log=lines.append)
    began = time.monotonic()
    assert supervisor.run(max_starts=4) == 3
    took = time.monotonic() - began
    ended = [line for line in lines if "ended after" in line]
    assert len(ended) == 4 and all("exit status 3" in line for line in ended)
    assert [re.search(r"failure (\d+) in a row, starting it again in ([\d.]+) s", line).groups()
            for line in ended] == [("1", "0.2"), ("2", "0.4"), ("3", "0.4"), ("4", "0.4")]
    assert took >= 0.2 + 0.4 + 0.4  # it did wait between the starts
    assert sum("worker started (pid" in line for line in lines) == 4


def _run_in_thread(supervisor):
    thread = threading.Thread(target=supervisor.run, daemon=True)
    thread.start()
    for _ in range(200):
        if supervisor.child is not None:
            break
        time.sleep(0.02)
    time.sleep(0.5)  # the child is up and has set its signal handling
    return thread


def test_stopping_the_supervisor_stops_its_worker_and_starts_no_other(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    lines = []
    supervisor = Supervisor([sys.executable, "-c", "import time; time.sleep(60)"], log=lines.append)
    thread = _run_in_thread(supervisor)
    child = supervisor.child
    supervisor.stop("received SIGTERM")
    thread.join(timeout=10)
    assert not thread.is_alive() and child.returncode == -signal.SIGTERM
    assert supervisor.starts == 1
    assert lines[-1] == f"worker (pid {child.pid}) stopped: killed by SIGTERM"


def test_a_worker_that_ignores_sigterm_is_killed_after_the_timeout(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    lines = []
    stubborn = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)"
    supervisor = Supervisor([sys.executable, "-c", stubborn], stop_timeout=0.5, log=lines.append)
    thread = _run_in_thread(supervisor)
    began = time.monotonic()
    supervisor.stop("received SIGINT")
    thread.join(timeout=10)
    assert supervisor.child.returncode == -signal.SIGKILL and 0.5 <= time.monotonic() - began < 5
    assert any("killing it" in line for line in lines)


def test_the_worker_is_this_programs_task_worker():
    assert worker_argv(["--queue-name", "*"]) == [sys.executable, "-m", "config.cli", "task_worker",
                                                  "--queue-name", "*"]
