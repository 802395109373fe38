"""Whether this process has the memory to start at all, asked before NumPy loads.

Under a low address-space limit (``ulimit -v``) NumPy's import fails with a traceback,
and a little above that OpenBLAS's start-up can spin at full CPU for minutes.  Below
:data:`MINIMUM_ADDRESS_SPACE` the command line says so in one line and exits 1
instead (exit 2 stays for parameters whose simulation would exceed the memory budget).
"""

from __future__ import annotations

import resource

#: The least address space that every subcommand and the app start in (NumPy, SciPy,
#: OpenBLAS's per-thread buffers and Textual come to about 400 MiB), with room to spare.
MINIMUM_ADDRESS_SPACE = 512 * 2**20


class NoMemoryToStart(Exception):
    """The address space is too small to start; the message says how small."""


def check_address_space() -> None:
    """Raise :class:`NoMemoryToStart` if the address-space limit is under the minimum."""
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft != resource.RLIM_INFINITY and soft < MINIMUM_ADDRESS_SPACE:
        raise NoMemoryToStart(
            f"not enough memory to start: the address-space limit (ulimit -v) is "
            f"{soft // 2**20} MiB, and superpos-tui needs at least "
            f"{MINIMUM_ADDRESS_SPACE // 2**20} MiB"
        )
