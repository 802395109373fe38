"""The second hostile round on the command line (issue 29): huge exponents, non-ASCII
digits, overflowing sweep axes, failing streams, over-long and existing ``--save``
targets, newlines in arguments.  Each is one ``error:`` line and a documented status,
never a traceback."""

from __future__ import annotations

import pytest

from superpos_model import ParamError, make_params
from superpos_model.readout import parse_bias
from tui.cli import main

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
