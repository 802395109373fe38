"""The second hostile round on the command line (issue 29): huge exponents, non-ASCII
digits, overflowing sweep axes, failing streams, over-long and existing ``--save``
targets, newlines in arguments.  Each is one ``error:`` line and a documented status,
never a traceback."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from superpos_model import ParamError, make_params
from superpos_model.readout import parse_bias
from tui import export
from tui.cli import main
from tui.export import ExportError

APP = Path(sys.executable).parent / "superpos-tui"

HUGE = "1e1000000000000000000"
SMALL = ["--T", "300", "--D", "30", "--z", "3", "--samples", "300"]
TINY = ["--T", "40", "--D", "8", "--z", "2", "--samples", "60"]


def refused(capsys, args: list[str]) -> str:
    """The one ``error:`` line that ``args`` exit 2 with (nothing on standard output)."""
    code = main(args)
    out, err = capsys.readouterr()
    assert (code, out) == (2, ""), err
    assert err.count("\n") == 1 and err.startswith("error: "), err
    return err.removeprefix("error: ").rstrip("\n")


# Item 1: an exponent past what Decimal holds is the field's out-of-range line.


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["check", "--D", HUGE], f"D: {HUGE} is out of range; use a whole number from 1 to"),
        (["walkthrough", "--T", HUGE], f"T: {HUGE} is out of range; use a whole number from 2"),
        (["walkthrough", *TINY[:4], "--a", HUGE], f"a: {HUGE} is out of range; use a number"),
        (["optimize", "--samples", HUGE], f"samples: {HUGE} is out of range; use a whole"),
        (["optimize", *TINY, "--steps", HUGE], f"steps: {HUGE} is out of range; use a whole"),
        (["sweep", "--vary", "z", "--values", f"1,{HUGE}"], f"z: value 2: {HUGE} is out of"),
        (["sweep", "--vary", "z", "--values", "1", "--workers", HUGE], "workers: 1e10"),
        (["sweep", "--vary", "z", "--values", f"1..4 x{HUGE}"], "values: item 1: x 1e100"),
        (["check", "--budget-gb", HUGE], f"budget-gb: {HUGE} is out of range; use a number"),
        (["check", "--readout", "relu", "--b", HUGE], f"b: {HUGE} is out of range; use any"),
        (["--seed", HUGE], f"seed: {HUGE} is out of range; use a whole number from 0"),
        (["check", "--seed", f"-{HUGE}"], f"seed: -{HUGE} is out of range; use a whole"),
        (["check", "--T", "1e" + "9" * 5000], "T: 1e9999999999999999999999999999… is out of"),
    ],
)
def test_a_huge_exponent_is_the_fields_out_of_range_line(capsys, args, expected):
    assert refused(capsys, args).startswith(expected)


@pytest.mark.parametrize("field", ["T", "D", "z", "a", "samples", "seed"])
def test_a_huge_exponent_typed_in_a_field_is_a_param_error(field):
    # The app's panel reads every field through parse_value / make_params.
    with pytest.raises(ParamError, match=f"^{field}: {HUGE} is out of range; use "):
        make_params(**{field: HUGE})


def test_a_tiny_exponent_is_read_as_the_number_it_spells():
    assert make_params(a=f"1e-{HUGE[2:]}").a == 0.0  # 10^-(10^18): 0 to a float
    with pytest.raises(ParamError, match=r"^T: .* is not a whole number"):
        make_params(T=f"2e-{HUGE[2:]}")


# Item 9: one number parser, so non-ASCII digits are refused everywhere as --T refuses them.


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["check", "--T", "١٠٠"], "T: '١٠٠' is not a number; use a whole number"),
        (["optimize", *TINY, "--steps", "١٠"], "steps: '١٠' is not a number; use a whole number"),
        (["optimize", *TINY, "--steps", "１０"], "steps: '１０' is not a number; use a whole"),
        (["sweep", "--vary", "z", "--values", "1", "--workers", "٢"], "workers: '٢' is not a"),
        (["sweep", "--vary", "z", "--values", "1..5 x５"], "values: item 1: x ５ is not a count"),
        (["sweep", "--vary", "T", "--values", "١٠,２٠"], "T: value 1: '١٠' is not a number"),
        (
            ["sweep", "--vary", "T/D", "--values", "١٠,２٠", "--vary2", "z", "--values2", "1"],
            "T/D: value 1: '١٠' is not a number; use a number above 0",
        ),
        (["check", "--readout", "relu", "--b", "١"], "b: '١' is not a number; use any finite"),
    ],
)
def test_non_ascii_digits_are_refused_by_every_option(capsys, args, expected):
    assert refused(capsys, args).startswith(expected)


def test_workers_out_of_range_reads_like_every_other_field(capsys):
    assert refused(capsys, ["sweep", "--vary", "z", "--values", "1", "--workers", "0"]) == (
        "workers: 0 is out of range; use a whole number from 1 to 256"
    )


def test_the_bias_reads_numbers_as_the_fields_do():
    assert parse_bias("1_000") == 1000.0 and parse_bias("−0.5") == -0.5
    assert parse_bias(None) is None
    with pytest.raises(ParamError, match=r"^b: is empty"):
        parse_bias(" ")


# Item 4: a T/D so large that T = r·D overflows, on either axis.


@pytest.mark.parametrize(
    "axes",
    [
        ["--vary", "T/D", "--values", "1e308", "--vary2", "D", "--values2", "1000"],
        ["--vary", "D", "--values", "1000", "--vary2", "T/D", "--values2", "1e308"],
        ["--vary", "z", "--values", "1", "--vary2", "T/D", "--values2", "2..1e308 x3"],
    ],
)
def test_an_overflowing_ratio_is_refused_with_its_range(capsys, axes):
    said = refused(capsys, ["sweep", *axes])
    assert said.startswith("T/D: ") and "use a number above 0, at most 100,000,000" in said


# Item 3: a failing standard output is one error: line and status 1, after the save.


def shell(command: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, timeout=60, check=False
    )


def test_optimize_into_a_full_disk_saves_first_then_says_so(tmp_path):
    target = tmp_path / "W.npz"
    done = shell(f"{APP} optimize {' '.join(TINY)} --save {target} >/dev/full")
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == ["error: cannot write the output: No space left on device"]
    with np.load(target) as saved:
        assert saved["W"].shape == (8, 40)


def test_optimize_over_the_file_size_limit_is_one_error_line_and_no_partial_file(tmp_path):
    # ulimit -f 0 stops the save as well as the output: one line (the output's), no file.
    done = shell(
        f"cd {tmp_path} && ulimit -f 0 && {APP} optimize {' '.join(TINY)} --save W.npz >out.txt"
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == ["error: cannot write the output: File too large"]
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


@pytest.mark.parametrize(
    "form", [[], ["--csv"], ["--json"], ["--vary2", "T", "--values2", "40,50", "--csv"]]
)
def test_sweep_into_a_full_disk_is_one_error_line_and_status_1(form):
    done = shell(f"{APP} sweep --vary z --values 1,2 --D 8 {' '.join(form)} >/dev/full")
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == ["error: cannot write the output: No space left on device"]


# Items 6 and 7: --save's name, an existing target, and the new file's mode.


def optimize_saving(target: Path, *more: str) -> int:
    return main(["optimize", *TINY, "--save", str(target), *more])


@pytest.mark.parametrize("size", [254, 255])
def test_a_name_of_up_to_255_bytes_is_saved(capsys, tmp_path, size):
    target = tmp_path / ("w" * (size - 4) + ".npz")
    assert optimize_saving(target) == 0
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary left


@pytest.mark.parametrize("name", ["w" * 300 + ".npz", "é" * 130 + ".npz"])
def test_a_name_over_255_bytes_is_refused_with_the_limit(capsys, tmp_path, name):
    size = len(name.encode())
    assert refused(capsys, ["optimize", *TINY, "--save", str(tmp_path / name)]) == (
        f"save: the name is {size:,} bytes long; use a name of at most 255 bytes"
    )
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_kept_unless_forced(capsys, tmp_path):
    target = tmp_path / "W.npz"
    target.write_bytes(b"keep me")
    said = refused(capsys, ["optimize", *TINY, "--save", str(target)])
    assert said == f"save: {str(target)!r} exists; add --force to replace it"
    assert target.read_bytes() == b"keep me"
    assert optimize_saving(target, "--force") == 0
    with np.load(target) as saved:
        assert saved["W"].shape == (8, 40)
    assert [p.name for p in tmp_path.iterdir()] == ["W.npz"]


def test_force_is_in_the_help(capsys):
    with pytest.raises(SystemExit):
        main(["optimize", "--help"])
    assert "--force" in capsys.readouterr().out


@pytest.mark.parametrize("kind", ["symlink", "dangling symlink", "fifo", "folder"])
@pytest.mark.parametrize("force", [[], ["--force"]])
def test_something_other_than_a_regular_file_is_never_replaced(capsys, tmp_path, kind, force):
    target = tmp_path / "W.npz"
    if kind == "symlink":
        (tmp_path / "real.npz").write_bytes(b"keep me")
        target.symlink_to(tmp_path / "real.npz")
    elif kind == "dangling symlink":
        target.symlink_to(tmp_path / "nowhere.npz")
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target.mkdir()
    before = os.lstat(target)
    said = refused(capsys, ["optimize", *TINY, "--save", str(target), *force])
    assert said.startswith(f"save: {str(target)!r} is ")
    after = os.lstat(target)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert not (tmp_path / "nowhere.npz").exists()


def test_a_saved_file_has_the_umasks_mode(capsys, tmp_path):
    target = tmp_path / "W.npz"
    previous = os.umask(0o022)
    try:
        assert optimize_saving(target) == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o644


def test_the_app_export_never_replaces_a_link_either(tmp_path):
    (tmp_path / "real.csv").write_text("keep me")
    (tmp_path / "out.csv").symlink_to(tmp_path / "real.csv")
    with pytest.raises(ExportError, match="is a symbolic link, which is never replaced"):
        export.write(tmp_path / "out.csv", "a,b\n", overwrite=True)
    assert (tmp_path / "out.csv").is_symlink() and (tmp_path / "real.csv").read_text() == "keep me"


# Item 10: --help whose output is lost is status 1, not 0.


@pytest.mark.parametrize("command", ["", "check", "walkthrough", "optimize", "sweep"])
@pytest.mark.parametrize(
    ("redirect", "said"),
    [
        (">/dev/full", "error: cannot write the output: No space left on device"),
        (">&-", "error: standard output is closed; there is nowhere to print the result"),
    ],
)
def test_help_into_a_failing_output_is_status_1(command, redirect, said):
    done = shell(f"{APP} {command} --help {redirect}")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [said]


def test_help_with_no_stream_at_all_is_still_status_1():
    assert shell(f"{APP} --help >&- 2>&-").returncode == 1


def test_help_still_prints_and_exits_0(capsys):
    with pytest.raises(SystemExit) as ended:
        main(["sweep", "--help"])
    assert ended.value.code == 0
    assert capsys.readouterr().out.startswith("usage: superpos-tui sweep")


# Item 12: an error line echoing an argument stays one line, whatever the argument holds.


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["check", "a\nb"], "unrecognized arguments: a\\nb"),
        (["check", "--T", "1\n2"], "T: '1\\n2' is not a number"),
        (["check", "x\x1b[31m\r"], "unrecognized arguments: x\\x1b[31m\\r"),
        (
            ["sweep", "--vary", "z", "--values", "1", "--nope\n"],
            "unrecognized arguments: --nope\\n",
        ),
    ],
)
def test_an_argument_with_a_newline_is_echoed_on_one_line(capsys, args, expected):
    code = main(args)
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(f"error: {expected}"), err
