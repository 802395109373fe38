"""The derivation of the notes, step by step, each step beside a simulation of it.

Every chain is a list of :class:`~superpos_model.steps.Step`: a formula at the
current parameters, the notes' version where it differs, a Monte Carlo of the
same quantity with its standard error, and a verdict from the one rule of
:mod:`.verdicts`.  When ``params.a`` is None each chain works at its scheme's
exact optimum (:func:`readout_scale`).

One module per chain (:mod:`.random`, :mod:`.single`, :mod:`.multi`,
:mod:`.conclusions` for the second note, :mod:`.interference` for the first,
:mod:`.optimum` for the trained embedding, run only when named), and :mod:`.registry`
runs them.  Chains measure through a
:class:`~superpos_model.session.Session`, so the shared active sets, each
scheme's loss Monte Carlo and the interference analysis are computed once.
"""

from __future__ import annotations

from .common import AxisReadout, axis_readout, readout_scale
from .conclusions import conclusions_chain
from .interference import interference_chain
from .multi import multi_chain
from .random import RandomAnatomy, random_anatomy, random_chain
from .registry import CHAINS, ON_REQUEST, SCHEME_CHOICES, Chain, chain_names, walkthrough
from .single import single_chain
from .verdicts import AGREE_SE, Judgement, Verdict, assess, decide, z_score

__all__ = [
    "AGREE_SE",
    "CHAINS",
    "ON_REQUEST",
    "SCHEME_CHOICES",
    "AxisReadout",
    "Chain",
    "Judgement",
    "RandomAnatomy",
    "Verdict",
    "assess",
    "axis_readout",
    "chain_names",
    "conclusions_chain",
    "decide",
    "interference_chain",
    "multi_chain",
    "random_anatomy",
    "random_chain",
    "readout_scale",
    "single_chain",
    "walkthrough",
    "z_score",
]
