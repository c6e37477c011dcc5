"""`prongsai`: the project's manage.py, installed as a console command."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line([sys.argv[0].rsplit("/", 1)[-1], *sys.argv[1:]])


if __name__ == "__main__":
    main()
