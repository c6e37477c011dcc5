"""`prongsai supervise_worker [-- task_worker options]`: keep one task worker running (see `core.supervisor`).
`make run` starts the worker this way."""

from django.core.management.base import BaseCommand

from core.processes import set_parent_death_signal
from core.supervisor import STOP_SIGNALS, BackOff, Supervisor, worker_argv


class Command(BaseCommand):
    help = ("ดูแลตัวประมวลผลงานเบื้องหลัง: เริ่มใหม่เมื่อหยุดไป (รอนานขึ้นเป็นเท่าตัวเมื่อหยุดซ้ำ) "
            "และหยุดตัวประมวลผลเมื่อคำสั่งนี้หยุด")

    def add_arguments(self, parser):
        parser.add_argument("worker_args", nargs="*",
                            help="Options for task_worker (after --), e.g. -- --queue-name '*'")
        parser.add_argument("--backoff-initial", type=float, default=BackOff.initial,
                            help="Seconds before the first restart (default: %(default)s)")
        parser.add_argument("--backoff-max", type=float, default=BackOff.maximum,
                            help="Longest wait between restarts (default: %(default)s)")
        parser.add_argument("--stable-after", type=float, default=BackOff.stable_after,
                            help="A worker up this long starts the back-off over (default: %(default)s)")
        parser.add_argument("--stop-timeout", type=float, default=20.0,
                            help="Seconds a stopped worker has to finish its task (default: %(default)s)")
        parser.add_argument("--exit-with-parent", action="store_true",
                            help="Stop (and stop the worker) when the process that started this one ends")

    def handle(self, *args, worker_args, backoff_initial, backoff_max, stable_after, stop_timeout,
               exit_with_parent, **options):
        if exit_with_parent:
            set_parent_death_signal(STOP_SIGNALS[0])
        supervisor = Supervisor(
            worker_argv(worker_args),
            backoff=BackOff(initial=backoff_initial, maximum=backoff_max, stable_after=stable_after),
            stop_timeout=stop_timeout,
        )
        supervisor.install_signals()
        supervisor.run()
