"""The sweep's process pool starts under an app that captures stderr (Textual does).

Textual replaces sys.stderr with an object whose fileno() is -1; the resource
tracker that starts with the fork server passed that on and the start failed
("bad value(s) in fds_to_keep"), so every costly sweep in the app failed.  A
fresh interpreter is needed: the fork server starts once per process.
"""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
class Captured:
    def write(self, text):
        return len(text)
    def flush(self):
        pass
    def fileno(self):
        return -1
sys.stderr = Captured()
from superpos_model.sweep import shutdown_pool, warm_pool
try:
    warm_pool(2)
    from superpos_model.sweep import pool
    print("started", pool._pool is not None)
except Exception as error:
    print("failed", error)
shutdown_pool()
"""


def test_pool_starts_while_stderr_has_no_descriptor():
    done = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.stdout.strip() == "started True", done.stdout + done.stderr
