"""Every process the sweep's fork server forks ignores ctrl+C from its first instruction.

The fork server gives each child the SIGINT handling it had before protecting itself;
a child that kept Python's handler until the pool's initializer ran printed a
KeyboardInterrupt traceback when the terminal's ctrl+C came in between (seen under
load as a second stderr line after "error: interrupted").  A plain Process through
the same server runs no initializer, so it shows what a worker starts with.  A fresh
interpreter: the fork server starts once per process.
"""

from __future__ import annotations

import subprocess
import sys

CODE = """
import multiprocessing, signal
from superpos_model.sweep import pool

def report(queue):
    queue.put(signal.getsignal(signal.SIGINT) is signal.SIG_IGN)

if __name__ == "__main__":
    pool._start_fork_server()
    context = multiprocessing.get_context("forkserver")
    queue = context.Queue()
    child = context.Process(target=report, args=(queue,))
    child.start()
    print("ignored" if queue.get(timeout=60) else "handled")
    child.join()
"""


def test_a_forked_worker_ignores_sigint_before_any_initializer(tmp_path):
    script = tmp_path / "start.py"
    script.write_text(CODE)
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.stdout.strip() == "ignored", done.stdout + done.stderr
