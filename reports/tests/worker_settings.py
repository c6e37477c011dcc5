"""Settings of the task worker that `test_worker_killed_mid_render` starts as a real process: those of
`make run`, with two render processes whatever the machine's cores (one would render without forking)."""

from config.settings.dev import *  # noqa: F401,F403

REPORTS_PDF_WORKERS = 2
