"""`superpos-tui interference`: the screen's numbers and capacity curve, as text, JSON or CSV."""

import csv
import io
import json

from superpos_model import make_params
from superpos_model.interference import analyse_interference
from tui.cli import main
from tui.interference_numbers import COLUMNS, curve_records, numbers_records, numbers_rows

ARGS = ["--T", "300", "--D", "40", "--z", "3", "--samples", "600", "--seed", "2"]
PARAMS = make_params(T=300, D=40, z=3, samples=600, seed=2)
SETTINGS = {
    "T": 300,
    "D": 40,
    "z": 3,
    "a": None,
    "b": None,
    "readout": "none",
    "samples": 600,
    "seed": 2,
}


def test_json_is_the_screens_export(capsys):
    assert main(["interference", "--json", "--threshold", "0.5", *ARGS]) == 0
    out = json.loads(capsys.readouterr().out)
    analysis = analyse_interference(PARAMS, 0.5)
    assert out["settings"] == SETTINGS
    assert out["threshold"] == 0.5
    assert out["numbers"] == json.loads(json.dumps(numbers_records(analysis)))
    assert out["capacity_curve"]["points"] == curve_records(analysis)
    assert out["capacity_curve"]["readouts"] == analysis.capacity.features


def test_csv_has_the_settings_the_numbers_and_the_curve(capsys):
    assert main(["interference", "--csv", *ARGS]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "# settings: T=300 D=40 z=3 a= b= readout=none samples=600 seed=2"
    rows = list(csv.DictReader(io.StringIO("\n".join(lines[1:]))))
    assert tuple(rows[0]) == COLUMNS
    analysis = analyse_interference(PARAMS)
    curve = [r for r in rows if r["key"] == "capacity_curve"]
    assert [int(r["z"]) for r in curve] == list(analysis.capacity.active)
    assert [float(r["rms_noise"]) for r in curve] == list(analysis.capacity.rms)
    assert float(next(r for r in rows if r["key"] == "rms")["measured"]) == analysis.overlaps.rms


def test_text_shows_the_screens_rows(capsys):
    assert main(["interference", *ARGS]) == 0
    out = capsys.readouterr().out
    for quantity, measured, theory in numbers_rows(analyse_interference(PARAMS)).values():
        assert quantity in out and measured in out and theory in out


def test_a_threshold_out_of_range_is_refused(capsys):
    assert main(["interference", "--threshold", "9", *ARGS]) == 2
    assert "error: threshold" in capsys.readouterr().err
