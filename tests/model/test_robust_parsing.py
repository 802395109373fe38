"""What a typed value parses to is what the text means, or a refusal naming the range.

Rules: ASCII digits; ``-``, ``+`` or U+2212 as the sign; ``,`` only between groups of
exactly three digits; ``_`` between digits; a fraction and an exponent.  Everything
else (fullwidth or Arabic-Indic digits, a decimal comma, spaces inside) is refused.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from superpos_model import ParamError, allowed_range, make_params, parse_value
from superpos_model.params import ECHO_CHARS

PROPERTY = settings(derandomize=True, deadline=None, max_examples=200)


def thousands(n: int) -> str:
    return f"{n:,}"


def underscores(n: int) -> str:
    return f"{n:_}"


@PROPERTY
@given(
    st.integers(-(10**30), 10**30),
    st.sampled_from([str, thousands, underscores]),
    st.sampled_from(["-", "\u2212"]),
)
def test_an_integer_written_any_accepted_way_parses_to_itself(n, style, minus):
    text = style(abs(n))
    if n < 0:
        text = minus + text
    try:
        got = parse_value("T", text)
    except ParamError as error:
        assert not 1 <= n <= 100_000_001 and "out of range" in str(error)
        assert allowed_range("T") in str(error)
        return
    assert got == n and type(got) is int


@PROPERTY
@given(st.decimals(allow_nan=False, allow_infinity=False, places=6, min_value=-20, max_value=20))
def test_a_decimal_for_a_parses_to_the_nearest_float(value):
    got = parse_value("a", str(value))
    assert got == float(Decimal(str(value)))


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("a", "0,5"),
        ("T", "1,0,0"),
        ("T", "1,5000"),
        ("T", "10,00"),
        ("T", "\uff11\uff10\uff10"),  # fullwidth 100
        ("T", "\u0661\u0660\u0660"),  # Arabic-Indic 100
        ("T", "1\u00a0000"),  # no-break space inside
        ("T", "1 000"),
        ("a", "0x1"),
        ("a", "--1"),
        ("T", "1e"),
    ],
)
def test_text_that_could_be_misread_is_refused_with_the_range(field, text):
    with pytest.raises(ParamError) as caught:
        make_params(**{field: text})
    assert caught.value.field == field
    assert allowed_range(field) in str(caught.value)


@PROPERTY
@given(
    st.text(
        alphabet=st.sampled_from("0123456789,._e-+\u2212 \u00a0\uff11\u0663x"),
        min_size=1,
        max_size=40,
    )
)
def test_any_text_parses_to_what_it_means_or_is_refused(text):
    try:
        got = parse_value("a", text)
    except ParamError as error:
        assert str(error).startswith("a: ")
        return
    if got is None:
        assert text.strip() == ""
        return
    plain = text.strip().replace("\u2212", "-").replace(",", "").replace("_", "")
    assert got == float(Decimal(plain))
    assert all(c in "0123456789,._eE-+\u2212" for c in text.strip())


@PROPERTY
@given(st.text(min_size=200, max_size=5000))
def test_long_input_is_echoed_cut_short(text):
    try:
        make_params(z=text)
    except ParamError as error:
        assert len(str(error)) < ECHO_CHARS + 140
    # else: a long valid number? only whitespace-padded digits can be, and then fine.


def test_ten_thousand_digits_are_echoed_cut_short():
    with pytest.raises(ParamError) as caught:
        make_params(z="9" * 10_000)
    message = str(caught.value)
    assert "…" in message and len(message) < 120 and "out of range" in message


@pytest.mark.parametrize(
    ("text", "shown"), [("100000001", "100000001"), ("4294967296", "4294967296")]
)
def test_out_of_range_numbers_are_echoed_as_typed(text, shown):
    field = "T" if text == "100000001" else "seed"
    with pytest.raises(ParamError) as caught:
        make_params(**{field: text})
    assert f"{shown} is out of range" in str(caught.value)
    assert "e+" not in str(caught.value)
