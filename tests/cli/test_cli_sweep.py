"""`superpos-tui sweep`: the table, JSON and CSV shapes, phase diagrams, and bad input."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from superpos_model import Params, make_params
from superpos_model.relu import relu_optimum
from superpos_model.schemes import SCHEMES
from superpos_model.sweep import optimal_losses, standing
from tests.helpers.processes import wait_for_workers
from tui.cli import main

POINT_KEYS = {
    "readout",
    "value",
    "T",
    "D",
    "z",
    "losses",
    "winners",
    "tie",
    "runner_up",
    "factor",
    "error",
}


def run(capsys, *args):
    code = main(["sweep", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def run_json(capsys, *args):
    code, out, err = run(capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_json_shape_and_values(capsys):
    out = run_json(capsys, "--vary", "z", "--values", "1,2,5,233")
    assert set(out) == {
        "params",
        "vary",
        "values",
        "readouts",
        "simulated",
        "tie_rel_tol",
        "b_min",
        "points",
        "crossings",
        "crossing_errors",
    }
    assert out["params"] == {"T": 1000, "D": 100, "z": None, "a": None, "samples": 2000, "seed": 0}
    assert out["vary"] == "z" and out["values"] == [1, 2, 5, 233]
    assert out["readouts"] == ["linear"] and out["simulated"] is False
    assert len(out["points"]) == 4
    for point, z in zip(out["points"], [1, 2, 5, 233], strict=True):
        assert set(point) == POINT_KEYS
        assert (point["value"], point["z"], point["T"], point["D"]) == (z, z, 1000, 100)
        exact = optimal_losses("linear", Params(T=1000, D=100, z=z))
        assert point["losses"] == exact
        assert point["winners"] == list(standing(exact).winners)
    assert out["points"][0]["winners"] == ["single", "multi"] and out["points"][0]["tie"]
    [crossing] = out["crossings"]
    assert set(crossing) == {"readout", "field", "below", "above"}
    assert (crossing["below"]["value"], crossing["above"]["value"]) == (1, 2)
    assert crossing["above"]["winners"] == ["multi"]


def test_json_with_simulation_has_se(capsys):
    out = run_json(
        capsys,
        "--vary",
        "D",
        "--values",
        "10,20",
        "--T",
        "200",
        "--z",
        "3",
        "--samples",
        "400",
        "--simulate",
        "--workers",
        "1",
    )
    assert out["simulated"] is True
    for point in out["points"]:
        assert set(point) == POINT_KEYS | {"simulated", "simulation_error"}
        assert point["simulation_error"] is None
        for name in SCHEMES:
            sim = point["simulated"][name]
            assert abs(sim["loss"] - point["losses"][name]) <= 5 * sim["se"] + 1e-9


def test_csv_rows(capsys):
    code, out, err = run(capsys, "--vary", "D", "--values", "1,500,999,1000", "--csv")
    assert code == 0 and err == ""
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == [
        "kind",
        "readout",
        "vary",
        "value",
        "T",
        "D",
        "z",
        "loss_random",
        "loss_single",
        "loss_multi",
        "winners",
        "runner_up",
        "factor",
        "error",
    ]
    points = [r for r in rows if r["kind"] == "point"]
    assert [int(r["D"]) for r in points] == [1, 500, 999, 1000]
    assert points[-1]["winners"] == "single=multi" and points[-1]["factor"] == ""
    sides = [(r["kind"], int(r["D"])) for r in rows if r["kind"] != "point"]
    assert sides == [("below", 503), ("above", 504), ("below", 999), ("above", 1000)]
    exact = optimal_losses("linear", Params(T=1000, D=503, z=5))
    below = next(r for r in rows if r["kind"] == "below")
    assert float(below["loss_multi"]) == exact["multi"]


def test_human_table_names_winner_and_crossing(capsys):
    code, out, _ = run(capsys, "--vary", "z", "--values", "1,5")
    assert code == 0
    assert "single=multi (tie)" in out and "z = 1 → 2: single=multi → multi" in out
    assert "ties, not wins" in out


def test_phase_diagram_text_and_json(capsys):
    args = ["--vary", "T/D", "--values", "1,1.5,2,10", "--vary2", "z", "--values2", "1,5,40"]
    code, out, _ = run(capsys, *args)
    assert code == 0
    grid = [line for line in out.splitlines() if " | " in line]
    assert [line.split("|")[0].strip() for line in grid] == ["40", "5", "1"]  # largest on top
    assert grid[-1].split("|")[1].split()[0].startswith("=")  # T = D, z = 1: a tie
    assert grid[1].split("|")[1].split()[1].startswith("S")  # T/D = 1.5, z = 5: single
    assert "R random  S single  M multi" in out
    out = run_json(capsys, *args)
    assert set(out) == {"params", "x", "y", "schemes", "tie_rel_tol", "b_min", "diagrams"}
    assert out["x"] == {"axis": "T/D", "values": [1, 1.5, 2, 10]}
    assert out["params"]["T"] is None and out["params"]["z"] is None
    d = out["diagrams"]["linear"]
    assert set(d) == {"winners", "factor", "losses", "cells", "errors"}
    assert d["cells"][1][1] == {"T": 150, "D": 100, "z": 5}
    assert d["winners"][1][1] == ["single"]
    assert (
        d["losses"]["single"][1][1] == optimal_losses("linear", Params(T=150, D=100, z=5))["single"]
    )


def test_phase_csv(capsys):
    code, out, _ = run(
        capsys, "--vary", "z", "--values", "1,2", "--vary2", "D", "--values2", "10,20,30", "--csv"
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 6 and rows[0]["x_axis"] == "z" and rows[0]["y_axis"] == "D"


@pytest.mark.parametrize(
    ("args", "start"),
    [
        (["--vary", "z", "--values", ""], "error: values: needs 1 to 1000"),
        (["--vary", "z", "--values", "1,,3"], "error: values: needs 1 to 1000"),
        (["--vary", "z", "--values", "1,2.5"], "error: z: value 2: 2.5 is not a whole number"),
        (["--vary", "z", "--values", "1,x"], "error: z: value 2: 'x' is not a number"),
        (["--vary", "z", "--values", "1,5,2000"], "error: z: at point 3 (z = 2000): 2000 is"),
        (["--vary", "T", "--values", "3,10"], "error: z: at point 1 (T = 3): 5 is out of range"),
        (["--vary", "D", "--values", "0,2"], "error: D: at point 1 (D = 0): 0 is out of range"),
        (["--vary", "z", "--values", "5,1"], "error: values: must increase strictly"),
        (
            ["--vary", "z", "--values", ",".join(map(str, range(1, 1002)))],
            "error: values: has 1,001 values; use 1 to 1,000",
        ),
        (["--vary", "a", "--values", "1"], "error: vary: 'a'; use one of z, D, T"),
        (["--vary", "z", "--values", "1", "--z", "3"], "error: z: is set by the swept values"),
        (["--vary", "z", "--values", "1", "--json", "--csv"], "error: argument --csv: not allowed"),
        (["--vary", "z", "--values", "1", "--readout", "cubic"], "error: readout: 'cubic'"),
        (["--vary", "z", "--values", "1", "--workers", "0"], "error: workers: 0 is out of"),
        (["--vary", "z", "--values", "1", "--vary2", "D"], "error: vary2: --vary2 and --values2"),
        (
            ["--vary", "z", "--values", "1,2", "--vary2", "T/D", "--values2", "1.234"],
            "error: T/D: at cell z = 1, T/D = 1.234: 1.234 × D = 123.4 is not a whole number",
        ),
        (
            ["--vary", "z", "--values", "1", "--vary2", "D", "--values2", "2", "--simulate"],
            "error: simulate:",
        ),
        (["--vary", "z", "--values", "1", "--T", "1.5"], "error: T: 1.5 is not a whole number"),
        (["--vary", "z", "--values", "1", "--a", "0.3"], "error: a: a sweep compares"),
    ],
)
def test_bad_input_is_one_error_line_and_exit_2(capsys, args, start):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith(start), err
    assert err.count("\n") == 1


@pytest.mark.slow
def test_relu_sweep_over_z_has_superposition_winning_up_to_a_crossing(capsys):
    values = "1,2,3,5,8,13,21,34,55,89,144,233"
    code, out, err = run(capsys, "--vary", "z", "--values", values, "--readout", "both", "--json")
    assert code == 0, err
    report = json.loads(out)
    linear = [p for p in report["points"] if p["readout"] == "linear"]
    relu = [p for p in report["points"] if p["readout"] == "relu"]
    assert all("random" not in p["winners"] for p in linear)
    winners = [p["winners"] for p in relu]
    assert winners[0] == ["random"] and winners[-1] == ["multi"]
    (crossing,) = [c for c in report["crossings"] if c["readout"] == "relu"]
    below, above = crossing["below"], crossing["above"]
    assert above["z"] == below["z"] + 1
    # The bracket's ends, recomputed from the exact optimum, straddle the change.
    for point, winner in ((below, "random"), (above, "multi")):
        losses = {
            name: relu_optimum(name, make_params(T=1000, D=100, z=point["z"])).loss
            for name in ("random", "single", "multi")
        }
        assert min(losses, key=losses.__getitem__) == winner


def test_a_failing_simulation_is_a_row_of_the_table(capsys):
    code, out, err = run(
        capsys,
        "--vary",
        "D",
        "--values",
        "2,20,3000",
        "--simulate",
        "--samples",
        "2000",
        "--budget-gb",
        "0.01",
        "--workers",
        "1",
    )
    assert code == 0 and err == ""
    rows = [line.split() for line in out.splitlines() if line.strip().startswith("3,000")]
    exact, simulated = rows  # the exact values stand; the simulation row names the failure
    assert exact[4:7] == ["single=multi", "(tie)", "—"]  # no factor over a loss of 0
    assert simulated[1] == "error:" and "budget" in " ".join(simulated)


def test_ctrl_c_mid_sweep_exits_130_and_leaves_no_worker_behind():
    # A terminal's ctrl+c reaches the whole process group: the command and its workers.
    app = Path(sys.executable).parent / "superpos-tui"
    values = ",".join(str(z) for z in range(1, 17))
    long = ["--vary", "z", "--values", values, "--simulate", "--T", "20000", "--D", "256"]
    process = subprocess.Popen(
        [str(app), "sweep", *long, "--samples", "20000", "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    # Mid-sweep: once the worker pool is up (a machine under load may take seconds).
    wait_for_workers(process.pid)
    time.sleep(0.5)
    assert process.poll() is None, "the sweep ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert out == ""
    assert err.strip().splitlines() == ["error: interrupted"]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)  # anyone left in the group?
        except ProcessLookupError:
            return
        time.sleep(0.1)
    raise AssertionError("worker processes outlived the interrupted sweep")
