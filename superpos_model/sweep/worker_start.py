"""Imported by the sweep's fork server before it forks a worker (see :mod:`.pool`).

Ctrl+C reaches every process of the terminal's group, and the caller alone decides
what it means.  The fork server ignores SIGINT itself, but gives each worker it forks
the handling it had *before* that; set here, at its start, that handling is "ignore",
so a worker ignores ctrl+C from its first instruction.  (The pool's initializer did
it only once the worker had started: a ctrl+C in between, likelier on a loaded
machine, printed the worker's KeyboardInterrupt traceback under the sweep's
"error: interrupted".)
"""

import signal

signal.signal(signal.SIGINT, signal.SIG_IGN)
