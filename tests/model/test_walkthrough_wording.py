"""The walkthrough's words: the notes are "the first / second note", never a seed (that word
is the random seed's), and the interference chain says which letters it switches to."""

from __future__ import annotations

import re

from superpos_model import make_params
from superpos_model.walkthrough import walkthrough

SMALL = make_params(T=200, D=30, z=3, samples=300)


def test_no_step_calls_a_note_a_seed():
    for step in walkthrough(SMALL, "all"):
        text = " ".join(str(part) for part in (step.title, step.explanation, step.reason))
        assert not re.search(r"seed's|seed 0\d\d", text), (step.key, text)


def test_the_interference_chain_says_n_is_d_and_m_is_t():
    first = walkthrough(SMALL, "interference")[0]
    assert "n = D" in first.explanation and "m = T" in first.explanation
