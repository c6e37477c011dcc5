"""`prongsai`: the project's manage.py, installed as a console command."""

import os
import sys


def _command_argv(argv: list[str]) -> list[str]:
    """`prongsai redflags --settings FILE.ini` follows the peer's spelling; Django reserves `--settings` for its
    settings module, so the red-flag command receives it as `--ini`."""
    if argv[:1] != ["redflags"]:
        return argv
    out = []
    for arg in argv:
        if arg == "--settings":
            out.append("--ini")
        elif arg.startswith("--settings="):
            out.append("--ini=" + arg.split("=", 1)[1])
        else:
            out.append(arg)
    return out


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from config.env import prepare_process_env

    prepare_process_env()
    from django.core.management import execute_from_command_line

    execute_from_command_line([sys.argv[0].rsplit("/", 1)[-1], *_command_argv(sys.argv[1:])])


if __name__ == "__main__":
    main()
