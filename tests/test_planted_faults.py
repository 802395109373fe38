"""The default run catches planted faults: one at a time, in a copy of the repository.

Each fault is one small edit of the kind a change could slip in (a sign, a factor, a
threshold, a key, an atomic write, …).  For each, the repository's files are copied to
a temporary folder, the fault is planted there, and the default selection (the README's
``pytest``, stopping at its first failure) runs against the copy; the fault counts as
caught when that run fails.  ``slow``: a default run per fault.

``python -m tests.test_planted_faults`` prints, for each fault, the test that caught it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: One default run, stopping at its first failure, well inside this.
RUN_TIMEOUT = 900


@dataclass(frozen=True)
class Fault:
    """Replace ``old`` (found exactly once in ``path``) by ``new``."""

    name: str
    path: str
    old: str
    new: str


FAULTS = (
    Fault(
        "sign flip in the random scheme's exact loss",
        "superpos_model/exact.py",
        "Quadratic(z * (1 + (T - 1) / D), z, z)",
        "Quadratic(z * (1 - (T - 1) / D), z, z)",
    ),
    Fault(
        "pooled standard error scaled by 2",
        "superpos_model/estimate.py",
        "se = math.sqrt(float(spread.variance(np.ones(1))))",
        "se = 2 * math.sqrt(float(spread.variance(np.ones(1))))",
    ),
    Fault(
        "verdict threshold of 30 SE",
        "superpos_model/walkthrough/verdicts.py",
        "AGREE_SE = 3.0",
        "AGREE_SE = 30.0",
    ),
    Fault(
        "the explorer's log-y key binding removed",
        "tui/screens/explorer.py",
        'Binding("l", "toggle_log", "Log y"),',
        "",
    ),
    Fault(
        "exports written in place instead of atomically",
        "tui/files.py",
        "    temporary = temporary_name(path)\n    # os.open",
        '    with open(path, "wb") as out:\n'
        '        out.write(data.encode("utf-8") if isinstance(data, str) else data)\n'
        "    return\n"
        "    temporary = temporary_name(path)\n    # os.open",
    ),
    Fault(
        "an exception raised in a screen action (the explorer's zoom)",
        "tui/screens/explorer.py",
        "        self.zoom = not self.zoom",
        '        raise RuntimeError("planted")',
    ),
    Fault(
        "the ReLU optimum searched over a smaller box (a ≤ 1)",
        "superpos_model/relu/optimum.py",
        "bounds=[(0.0, None), (b_min, None)],",
        "bounds=[(0.0, 1.0), (b_min, None)],",
    ),
    Fault(
        "a histogram bin off by one",
        "superpos_model/histogram.py",
        "edges = np.linspace(low, high, bins + 1)",
        "edges = np.linspace(low, high, bins)",
    ),
    Fault(
        "exit status 0 on bad input",
        "tui/cli.py",
        '        streams.say(f"error: {error}")\n        return 2',
        '        streams.say(f"error: {error}")\n        return 0',
    ),
    Fault(
        "a walkthrough step dropped (the random chain's total)",
        "superpos_model/walkthrough/random.py",
        '    return [\n        *steps,\n        step(\n            "total",',
        '    return [\n        *steps[:-1],\n        step(\n            "total",',
    ),
    Fault(
        "a sweep crossing off by one",
        "superpos_model/sweep/crossings.py",
        "while high - low > 1:",
        "while high - low > 2:",
    ),
    Fault(
        "a dialog that opens over another",
        "tui/app.py",
        "        if isinstance(self.screen, ModalScreen):\n            self.bell()",
        "        if False:\n            self.bell()",
    ),
)


@dataclass(frozen=True)
class Outcome:
    """How the default run ended with the fault planted."""

    status: int
    #: The first test that failed (or errored), else the run's last lines.
    caught_by: str
    caught: bool


def plant(fault: Fault, root: Path) -> None:
    """Plant ``fault`` in the copy at ``root``; the anchor must still be there, once."""
    target = root / fault.path
    text = target.read_text(encoding="utf-8")
    count = text.count(fault.old)
    if count != 1:
        raise AssertionError(f"{fault.name}: {fault.path} holds its anchor {count} times")
    target.write_text(text.replace(fault.old, fault.new), encoding="utf-8")


def copy_repository(destination: Path) -> None:
    """The tracked files of the repository as they are in the work tree now."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)


def run_with(fault: Fault) -> Outcome:
    """The default run (stopping at its first failure) with ``fault`` planted in a copy."""
    with tempfile.TemporaryDirectory(prefix="superpos-fault-") as folder:
        root = Path(folder)
        copy_repository(root)
        plant(fault, root)
        # The copy's packages come first for this process and every one it starts (the
        # installed console script too): PYTHONPATH precedes the editable install.
        env = {**os.environ, "PYTHONPATH": str(root)}
        env.pop("PYTEST_ADDOPTS", None)
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT,
            check=False,
        )
    failed = re.findall(r"^(?:FAILED|ERROR) (\S+)", done.stdout, flags=re.MULTILINE)
    # Stopping at the first failure, xdist ends the run as interrupted (2), not failed (1).
    caught = done.returncode in (1, 2) and bool(failed)
    return Outcome(done.returncode, failed[0] if failed else done.stdout[-300:], caught)


@pytest.mark.slow
@pytest.mark.xdist_group("planted-faults")  # one default run at a time
@pytest.mark.parametrize("fault", FAULTS, ids=[fault.name for fault in FAULTS])
def test_the_default_run_fails_with_the_fault_planted(fault: Fault) -> None:
    outcome = run_with(fault)
    print(f"{fault.name}: caught by {outcome.caught_by}")
    assert outcome.caught, (outcome.status, outcome.caught_by)


def test_every_fault_anchor_is_in_the_code_once(tmp_path: Path) -> None:
    # Fast: a fault whose anchor has moved would otherwise only fail in the slow run.
    for fault in FAULTS:
        (tmp_path / fault.path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / fault.path, tmp_path / fault.path)
        plant(fault, tmp_path)


if __name__ == "__main__":
    for planted in FAULTS:
        result = run_with(planted)
        verdict = "caught" if result.caught else f"NOT CAUGHT (exit {result.status})"
        print(f"{planted.name}: {verdict} by {result.caught_by}", flush=True)
