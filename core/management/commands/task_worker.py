"""`prongsai task_worker`: the database task worker (`db_worker`, same options) that first recovers the
tasks a killed worker left running (see `core.task_recovery`), names itself by machine and process so
that the next worker can tell whether the one that claimed a task still exists, and beats a heartbeat
for `healthz` while it runs (`core.worker_health`). `prongsai supervise_worker` keeps one running."""

import datetime
import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from core.task_recovery import STALE_AFTER, process_worker_id, recover_stale_tasks
from core.worker_health import Heartbeat


class Command(DbWorkerCommand):
    help = "ตัวประมวลผลงานเบื้องหลัง: เริ่มด้วยการกู้งานที่ค้างสถานะกำลังทำจากตัวประมวลผลที่หยุดไป แล้วทำงานตามคิว"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=process_worker_id())
        parser.add_argument(
            "--stale-after", type=int, default=int(STALE_AFTER.total_seconds()), dest="stale_after",
            help="Seconds after which a running task counts as abandoned whoever claimed it (default: "
            "%(default)s)",
        )

    def handle(self, *args, stale_after: int, **options):
        self.configure_logging(options["verbosity"])
        # With --reload this process only watches the code and restarts the one that works (which beats).
        reloading = options["reload"] and not options["batch"]
        reloader = reloading and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        heartbeat = None if reloader else Heartbeat(options["worker_id"]).start()
        try:
            recover_stale_tasks(backend_name=options["backend_name"],
                                stale_after=datetime.timedelta(seconds=stale_after),
                                worker_id=options["worker_id"])
            super().handle(*args, **options)
        finally:
            if heartbeat:
                heartbeat.stop()
