"""Parameter validation: errors name the field and its range; nothing is clamped."""

import pytest

from superpos_model import ParamError, Params, check_budget, make_params, regime_warning


def test_defaults_follow_the_spec():
    assert make_params() == Params(T=1000, D=100, z=5, a=None, samples=2000, seed=0)


@pytest.mark.parametrize(
    "values,field,words",
    [
        ({"z": 0}, "z", "from 1 to 1,000"),
        ({"z": 1001}, "z", "from 1 to 1,000"),
        ({"T": 10, "z": 11}, "z", "from 1 to 10"),
        ({"D": 0}, "D", "from 1 to"),
        ({"a": -0.1}, "a", "from 0 to 100"),
        ({"a": "nan"}, "a", "not finite"),
        ({"a": "inf"}, "a", "not finite"),
        ({"T": "abc"}, "T", "not a number"),
        ({"z": "5x"}, "z", "not a number; use a whole number from 1 to T"),
        ({"T": "12.5"}, "T", "not a whole number"),
        ({"samples": 1}, "samples", "from 2 to"),
        ({"seed": -1}, "seed", "from 0 to"),
        ({"bogus": 1}, "bogus", "unknown"),
    ],
)
def test_bad_values_name_the_field_and_range(values, field, words):
    with pytest.raises(ParamError) as caught:
        make_params(**values)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")
    assert words in str(caught.value)


def test_text_input_is_parsed_not_clamped():
    p = make_params(T="2,000", D=" 50 ", z="1e1", a="0.25", samples="1_000", seed="3")
    assert (p.T, p.D, p.z, p.a, p.samples, p.seed) == (2000, 50, 10, 0.25, 1000, 3)
    assert make_params(a="").a is None
    assert make_params().replace(z=7).z == 7
    with pytest.raises(ParamError):
        make_params().replace(z=5000)


def test_regime_warning_is_advice_not_error():
    assert not regime_warning(make_params())
    wide = regime_warning(make_params(T=100, D=200, z=5))
    assert wide and "D ≥ T" in str(wide)
    dense = regime_warning(make_params(T=1000, D=20, z=10))
    assert dense and "z/D" in str(dense)


def test_budget_refuses_what_does_not_fit_and_says_what_would():
    check_budget(make_params())
    with pytest.raises(ParamError) as caught:
        check_budget(make_params(D=30000))
    assert caught.value.field == "D" and "use D ≤" in str(caught.value)
    with pytest.raises(ParamError) as caught:
        check_budget(make_params(D=1000, samples=5_000_000))
    assert caught.value.field == "samples"
