"""`superpos-tui walkthrough --json`: one object, the keys docs/json.md lists, no NaN."""

import json

from superpos_model import make_params
from superpos_model.walkthrough import walkthrough
from superpos_model.walkthrough.losses import MARGIN_KEYS
from tui.cli import main

STEP_KEYS = {
    "chain",
    "key",
    "title",
    "formula",
    "theory",
    "notes",
    "simulated",
    "se",
    "exact",
    "verdict",
    "reason",
}
VERDICTS = {"agrees", "approximation", "notes differ", "unexplained"}


def run_json(capsys, *args):
    code = main(["walkthrough", "--json", *args])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    return json.loads(out)


def test_walkthrough_json_has_params_and_every_step(capsys):
    out = run_json(capsys, "--T", "60", "--D", "7", "--z", "3", "--samples", "300")
    assert out["params"] == {"T": 60, "D": 7, "z": 3, "a": None, "samples": 300, "seed": 0}
    assert out["steps"]
    for step in out["steps"]:
        assert set(step) == STEP_KEYS
        assert step["verdict"] in VERDICTS
        assert step["key"].startswith(step["chain"] + ".")
    assert any(step["chain"] == "losses" for step in out["steps"])  # all includes losses


def test_walkthrough_json_beyond_d_equals_t_has_no_negative_count_or_loss(capsys):
    out = run_json(capsys, "--T", "50", "--D", "60", "--z", "3", "--samples", "300")
    for step in out["steps"]:
        # A margin between two losses (the losses chain) may have either sign.
        for field in ("theory", "simulated") if step["key"] not in MARGIN_KEYS else ():
            assert step[field] is None or step[field] >= 0, (step["key"], field)
        if step["verdict"] == "notes differ":
            assert "co-activation" not in step["reason"], step["key"]
    keyed = {step["key"]: step for step in out["steps"]}
    assert "yet multi" not in keyed["interference.frame_potential"]["reason"]


def test_losses_chain_json_has_the_models_steps(capsys):
    small = {"T": 60, "D": 7, "z": 3, "samples": 300}
    args = [text for name, value in small.items() for text in (f"--{name}", str(value))]
    losses = run_json(capsys, "--scheme", "losses", *args)["steps"]
    model = walkthrough(make_params(**small), "losses")
    assert [s["key"] for s in losses] == [step.key for step in model]
    assert [s["theory"] for s in losses] == [step.theory for step in model]
    assert len(losses) == 6 and all(s["chain"] == "losses" for s in losses)
    assert all(s["verdict"] in VERDICTS for s in losses)
