import subprocess
import sys
from pathlib import Path

from config.cli import _command_argv


def test_redflags_takes_the_peers_settings_flag():
    assert _command_argv(["redflags", "--settings", "a.ini", "f.jsonl"]) == [
        "redflags", "--ini", "a.ini", "f.jsonl"]
    assert _command_argv(["redflags", "--settings=a.ini", "-"]) == ["redflags", "--ini=a.ini", "-"]
    assert _command_argv(["migrate", "--settings", "x"]) == ["migrate", "--settings", "x"]


def test_console_command_is_the_projects_manage_py(tmp_path):
    exe = Path(sys.executable).with_name("prongsai")
    result = subprocess.run([str(exe), "help", "setup_demo"], capture_output=True, text=True, timeout=60,
                            env={"PRONGSAI_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert "setup_demo" in result.stdout
