"""What each model parameter means, written once for the command line's help and the app's panel."""

from __future__ import annotations

#: Every parameter in plain words.
FIELD_HELP = {
    "T": "number of features",
    "D": "number of neurons",
    "z": "active features per sample",
    "a": "readout scale a ≥ 0",
    "samples": "Monte Carlo samples",
    "seed": "random seed",
}

#: What an empty readout scale means.
UNSET_A = "only the optimum"
