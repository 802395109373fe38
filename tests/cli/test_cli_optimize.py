"""`superpos-tui optimize`: the JSON keys, the saved file, interruption and bad input."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from superpos_model import Monitor, exact_quadratic, make_params
from superpos_model.optimize import linear_loss, rank_bound, run_optimize
from tui import optimize_cli
from tui.cli import main

CLI = str(Path(sys.executable).parent / "superpos-tui")
SMALL = ["--T", "60", "--D", "10", "--z", "2"]
TOP_KEYS = {
    "params",
    "readout",
    "steps",
    "start",
    "final",
    "bound",
    "baselines",
    "embedding",
    "history",
}
EMBEDDING_KEYS = {
    "max_overlap",
    "rms_overlap",
    "welch_bound",
    "tight_frame_residual",
    "norm_min",
    "norm_max",
}


def run_json(capsys, *args, code=0):
    assert main(["optimize", "--json", *args]) == code
    return json.loads(capsys.readouterr().out)


def test_linear_json_keys_and_values(capsys):
    out = run_json(capsys, *SMALL)
    assert set(out) == TOP_KEYS
    assert out["readout"] == "linear" and out["steps"] == 500
    p = make_params(T=60, D=10, z=2)
    assert out["params"] == {"T": 60, "D": 10, "z": 2, "a": None, "samples": 2000, "seed": 0}
    assert set(out["final"]) == {"loss", "a", "b"} and set(out["start"]) == {"loss"}
    assert out["bound"] == pytest.approx(rank_bound(p), rel=1e-15)
    assert out["final"]["loss"] == pytest.approx(out["bound"], rel=1e-7)
    assert out["final"]["b"] == 0.0
    for name, value in out["baselines"].items():
        assert value == pytest.approx(exact_quadratic(name, p).minimum, rel=1e-15)
    assert set(out["embedding"]) == EMBEDDING_KEYS
    assert out["history"][0] == [0, out["start"]["loss"]]
    assert all(len(point) == 2 for point in out["history"])


def test_relu_json_has_standard_errors(capsys):
    out = run_json(
        capsys,
        "--readout",
        "relu",
        "--steps",
        "200",
        "--T",
        "40",
        "--D",
        "6",
        "--z",
        "2",
        "--samples",
        "300",
    )
    assert set(out) == TOP_KEYS and out["readout"] == "relu" and out["bound"] is None
    assert set(out["final"]) == {"loss", "se", "a", "b"} and set(out["start"]) == {"loss", "se"}
    assert out["final"]["se"] > 0
    assert set(out["baselines"]) == {"random", "single", "multi"}


def test_text_form(capsys):
    assert main(["optimize", *SMALL]) == 0
    text = capsys.readouterr().out
    for words in (
        "random start",
        "trained",
        "rank-D bound",
        "below random scheme",
        "Welch bound",
        "tight-frame",
    ):
        assert words in text


def test_saved_W_reloads_with_the_printed_loss(capsys, tmp_path):
    target = tmp_path / "trained.npz"
    out = run_json(capsys, *SMALL, "--save", str(target))
    assert sorted(os.listdir(tmp_path)) == ["trained.npz"]  # no temporary left behind
    with np.load(target) as saved:
        W, a, b = saved["W"], float(saved["a"]), float(saved["b"])
    assert W.shape == (10, 60) and b == 0.0
    p = make_params(T=60, D=10, z=2)
    assert linear_loss(W, a, p) == pytest.approx(out["final"]["loss"], abs=1e-9)


def test_a_failed_save_leaves_no_file_and_says_so(capsys, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(optimize_cli.np, "savez", broken)
    assert main(["optimize", "--json", *SMALL, "--save", str(tmp_path / "W.npz")]) == 2
    captured = capsys.readouterr()
    assert json.loads(captured.out)["final"]["loss"] > 0  # the result is not lost
    assert captured.err.splitlines() == [
        f"error: save: writing {str(tmp_path / 'W.npz')!r} failed: No space left on device"
    ]
    assert os.listdir(tmp_path) == []


def test_interrupt_prints_the_best_so_far_and_exits_130(capsys, monkeypatch):
    calls = []
    monitor = Monitor(cancelled=lambda: calls.append(1) or len(calls) > 2)

    class Stopping:
        def __enter__(self):
            return monitor

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(optimize_cli, "interruptible", Stopping)
    out = run_json(capsys, "--T", "300", "--D", "30", "--z", "3", code=130)
    assert out["interrupted"] is True
    assert out["final"]["loss"] < out["start"]["loss"]
    assert out["final"]["loss"] > out["bound"] * (1 + 1e-4)


@pytest.mark.slow
def test_ctrl_c_in_a_real_process(tmp_path):
    process = subprocess.Popen(
        [
            CLI,
            "optimize",
            "--json",
            "--readout",
            "relu",
            "--steps",
            "100000",
            "--T",
            "400",
            "--D",
            "40",
            "--z",
            "3",
            "--samples",
            "200",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(6)  # past start-up, well inside training (100 000 steps take minutes)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    result = json.loads(out)
    assert result["interrupted"] is True
    assert result["history"] and result["history"][-1][0] < 100000


@pytest.mark.slow
def test_defaults_end_within_a_tenth_of_a_percent_of_the_rank_bound(capsys):
    out = run_json(capsys)
    assert out["params"]["T"] == 1000 and out["bound"] == pytest.approx(4.4820, abs=5e-5)
    assert out["final"]["loss"] <= out["bound"] * 1.001
    assert out["start"]["loss"] > out["bound"] * 1.01


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--steps", "0"], "steps"),
        (["--steps", "100001"], "steps"),
        (["--steps", "ten"], "steps"),
        (["--steps", "2.5"], "steps"),
        (["--readout", "sigmoid"], "readout"),
        (["--a", "0.3"], "a"),
        (["--z", "70"], "z"),
        (["--T", "100000000", "--D", "100000"], "D"),
        (["--T", "100000", "--D", "3000"], "D"),
        (["--T", "10000", "--D", "600"], "D"),
        (["--save", "/nonexistent-folder/W.npz"], "save"),
        (["--save", "/"], "save"),
    ],
)
def test_bad_input_exits_2_with_one_error_line(capsys, args, field):
    assert main(["optimize", *SMALL, *args]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {field}: "), lines
    assert captured.out == ""


def test_time_refusal_says_what_fits(capsys):
    assert main(["optimize", "--T", "10000", "--D", "600"]) == 2
    err = capsys.readouterr().err
    assert "multiply-adds" in err and "use D ≤ " in err and "use steps ≤ " in err
    assert main(["optimize", "--T", "100000", "--D", "3000"]) == 2
    err = capsys.readouterr().err
    assert "GB, over the 2 GB budget; use D ≤ " in err


def test_unwritable_save_is_refused_before_training(capsys, tmp_path, monkeypatch):
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("a file, not a folder")
    trained = []
    monkeypatch.setattr(optimize_cli, "run_optimize", lambda *a, **k: trained.append(1))
    assert main(["optimize", *SMALL, "--save", str(not_a_folder / "W.npz")]) == 2
    assert trained == []
    assert capsys.readouterr().err.startswith("error: save: cannot write in ")
    assert sorted(os.listdir(tmp_path)) == ["notes.txt"]


def test_given_baselines_are_reported_as_given():
    given = {"random": 1.0, "single": 2.0, "multi": None}
    report = run_optimize(make_params(T=30, D=5, z=2), "relu", 20, baselines=given)
    assert report.to_json()["baselines"] == given
