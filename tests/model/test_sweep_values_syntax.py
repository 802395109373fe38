"""The sweep's value syntax: lists, ranges lo..hi, lo..hi x N and lo..hi x N log."""

from __future__ import annotations

import numpy as np
import pytest

from superpos_model import ParamError, Params
from superpos_model.sweep import MAX_VALUES, parse_values
from superpos_model.sweep.request import parse_request

TEXTS = {"vary": "z", "values": "1..10", "readout": "linear", "vary2": "D", "values2": "1..5"}


def test_a_range_is_every_whole_number():
    assert parse_values("z", "1..8") == (1, 2, 3, 4, 5, 6, 7, 8)


def test_ranges_mix_with_values():
    assert parse_values("D", "1,2,5..8, 20") == (1, 2, 5, 6, 7, 8, 20)


@pytest.mark.parametrize("text", ["1..233 x12 log", "1..233x12log", "1 .. 233 × 12 log"])
def test_a_log_range_is_rounded_geometric_spacing(text):
    expected = list(dict.fromkeys(int(v) for v in np.rint(np.geomspace(1, 233, 12))))
    values = parse_values("z", text)
    assert list(values) == expected
    assert values[0] == 1 and values[-1] == 233


def test_an_even_range_has_n_values_with_both_ends():
    assert parse_values("T", "100..1000 x4") == (100, 400, 700, 1000)


def test_a_ratio_range_keeps_three_significant_digits():
    assert parse_values("T/D", "0.5..10 x5") == (0.5, 2.88, 5.25, 7.62, 10.0)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("1..", "is not lo..hi"),
        ("5..1", "must go up"),
        ("1..10 x1", "is not a count from 2"),
        ("0..10 x3 log", "a log range starts above 0"),
        ("1..9999", "has 9,999 values"),
        ("1..10 y3", "is not lo..hi"),
        ("1..5, 3", "must increase strictly"),
    ],
)
def test_bad_ranges_name_the_values_option(text, says):
    with pytest.raises(ParamError) as caught:
        parse_values("z", text)
    assert caught.value.field == "values" and says in str(caught.value)


def test_more_values_than_the_limit_are_refused():
    with pytest.raises(ParamError, match=f"use 1 to {MAX_VALUES:,}"):
        parse_values("z", f"1..{MAX_VALUES} x{MAX_VALUES}, {MAX_VALUES + 1}")


def test_a_request_reports_a_bad_point_against_its_values():
    # z up to 1000 is fine at T = 1000 but not at T = 500.
    texts = {**TEXTS, "values": "1..1000 x5 log"}
    assert parse_request(texts, False, Params(T=1000, D=100, z=5)).values[-1] == 1000
    with pytest.raises(ParamError) as caught:
        parse_request(texts, False, Params(T=500, D=100, z=5))
    assert caught.value.field == "values"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"vary": "a"}, "vary"),
        ({"readout": "cubic"}, "readout"),
        ({"vary2": "z"}, "vary2"),  # z against z
        ({"values2": "3,2"}, "values2"),
    ],
)
def test_a_request_names_the_setting_at_fault(changes, field):
    with pytest.raises(ParamError) as caught:
        parse_request({**TEXTS, **changes}, True, Params(T=1000, D=100, z=5))
    assert caught.value.field == field


def test_the_line_view_ignores_the_second_axis():
    request = parse_request({**TEXTS, "values2": "nonsense"}, False, Params())
    assert request.values2 == () and not request.phase
