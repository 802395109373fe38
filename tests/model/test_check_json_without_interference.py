"""The app's check report (no interference block) still serialises."""

import json

from superpos_model import make_params, run_check


def test_a_report_without_interference_has_a_null_block():
    params = make_params(T=100, D=10, z=3, samples=200)
    out = run_check(params, interference=False).to_json()
    assert out["interference"] is None
    assert set(out["schemes"]) == {"random", "single", "multi"}
    json.dumps(out, allow_nan=False)
    # The full report's block is an object.
    assert isinstance(run_check(params).to_json()["interference"], dict)
