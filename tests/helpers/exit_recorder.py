"""Run a command as a child and record how it ended, for a tmux pane to run.

``python exit_recorder.py RECORD argv…`` writes the child's pid to ``RECORD.pid``
once it starts and ``exit N`` or ``signal N`` to ``RECORD`` once it ends, then
ends the same way.  tmux 3.3 sometimes marks a pane dead without its status when
the command closes the terminal a moment before it exits: the record is what a
test reads.  A hang-up or SIGTERM sent to this process (tmux's, on kill-server) is
passed on to the child; the terminal's own ctrl+c and ctrl+\\ reach the child directly.
"""

import os
import signal
import sys

FORWARDED = (signal.SIGTERM, signal.SIGHUP)


def write(path: str, text: str) -> None:
    with open(path + ".tmp", "w") as out:
        out.write(text)
    os.replace(path + ".tmp", path)


def main() -> None:
    record, argv = sys.argv[1], sys.argv[2:]
    child = os.fork()
    if child == 0:
        os.execvp(argv[0], argv)
    for number in FORWARDED:
        signal.signal(number, lambda number, frame: os.kill(child, number))
    for number in (signal.SIGINT, signal.SIGQUIT):
        signal.signal(number, signal.SIG_IGN)
    write(record + ".pid", str(child))
    _, status = os.waitpid(child, 0)
    if os.WIFSIGNALED(status):
        ending = f"signal {os.WTERMSIG(status)}"
    else:
        ending = f"exit {os.WEXITSTATUS(status)}"
    write(record, ending)
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        if number not in (signal.SIGKILL, signal.SIGSTOP):  # their handlers cannot be set
            signal.signal(number, signal.SIG_DFL)
        os.kill(os.getpid(), number)
    sys.exit(os.WEXITSTATUS(status))


if __name__ == "__main__":
    main()
