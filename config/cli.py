"""`prongsai`: the project's manage.py, installed as a console command."""

import os
import sys


def _command_argv(argv: list[str]) -> list[str]:
    """`prongsai redflags --settings FILE.ini` follows the peer's spelling; Django reserves `--settings` for
    its settings module, so the red-flag command receives it as `--ini`."""
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


# Commands that replace or inspect keys themselves: they may load a published key (to replace it) and skip
# the start check (they check in full, or bring the keys).
KEY_MAINTENANCE = {"rotate_keys", "backup", "restore"}
NO_START_CHECK = KEY_MAINTENANCE | {"help", "version", "check", "makemigrations", "compilemessages", "shell"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from config.env import StartRefused, forget_generated_secrets, key_maintenance, prepare_process_env

    argv = _command_argv(sys.argv[1:])
    command = next((arg for arg in argv if not arg.startswith("-")), "help")
    if command in KEY_MAINTENANCE:
        # restore brings the keys of the archive: creating new ones first would only leave stray files.
        key_maintenance(generate=command != "restore")
    try:
        prepare_process_env()
        import django

        django.setup()
        if command not in NO_START_CHECK:
            from core.startup import run_key_checks

            run_key_checks()
    except StartRefused as refused:
        forget_generated_secrets()
        sys.stderr.write(f"{refused}\n")
        sys.exit(2)
    from django.core.management import execute_from_command_line

    execute_from_command_line([sys.argv[0].rsplit("/", 1)[-1], *argv])


if __name__ == "__main__":
    main()
