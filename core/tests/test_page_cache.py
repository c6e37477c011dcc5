"""The cache that keeps rendered pages for a minute is shared by every process of one deployment (gunicorn
runs several web workers): what one process keeps, another finds."""

import subprocess
import sys

SCRIPT = """
import sys, django
django.setup()
from django.core.cache import cache
if sys.argv[1] == "set":
    cache.set("shared-probe", "กรมส่งเสริมสหกรณ์", 60)
print(cache.get("shared-probe"))
"""


def _run(tmp_path, mode: str) -> str:
    env = {"PRONGSAI_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "PYTHAINLP_OFFLINE": "1",
           "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    result = subprocess.run([sys.executable, "-c", SCRIPT, mode], capture_output=True, text=True, timeout=120,
                            env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_page_kept_by_one_process_is_found_by_another(tmp_path):
    assert _run(tmp_path, "set") == "กรมส่งเสริมสหกรณ์"
    assert _run(tmp_path, "get") == "กรมส่งเสริมสหกรณ์"
    assert list((tmp_path / "pagecache").glob("*.djcache")), "kept in the data dir, outside the web root"


def test_another_deployment_does_not_share_it(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert _run(tmp_path / "a", "set") == "กรมส่งเสริมสหกรณ์"
    assert _run(tmp_path / "b", "get") == "None"
