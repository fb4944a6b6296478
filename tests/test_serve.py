"""`medpath serve`, as `make run` calls it, on a fresh data directory."""

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import _free_port


def test_serve_migrates_loads_demo_and_answers(tmp_path: Path) -> None:
    """A first run creates the SQLite database, loads the demo users, prints the URL and logins, and serves."""
    port = _free_port()
    env = {
        **os.environ,
        "MEDPATH_DATA_DIR": str(tmp_path),
        "MEDPATH_DATABASE_URL": "",
        "MEDPATH_SECRET_KEY": "",
        "COLUMNS": "200",
    }
    command = [sys.executable, "-m", "medpath", "serve", "--port", str(port), "--demo-if-empty", "--threads", "2"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        body = None
        for _ in range(150):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                    body = json.load(response)
                break
            except OSError:
                if process.poll() is not None:
                    break
                time.sleep(0.2)
        assert body is not None, f"no answer; exit code {process.poll()}"
        assert (body["status"], body["database"]) == ("ok", "ok")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=5) as response:
            assert "Log in to MedPath" in response.read().decode()
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=20)
    assert f"MedPath is running at http://127.0.0.1:{port}/" in output
    assert "premed@demo.medpath.test" in output
    assert "medpath-demo-2026" in output
    assert (tmp_path / "medpath.sqlite3").exists()
    assert (tmp_path / "secret_key").exists()
