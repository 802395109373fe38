"""The three ways of placing T features in D neurons (the second note)."""

from __future__ import annotations

import numpy as np

from .embeddings import AxisEmbedding, Embedding, RandomEmbedding

SCHEMES = ("random", "single", "multi")

TITLES = {
    "random": "random directions (superposition)",
    "single": "one feature per neuron",
    "multi": "one neuron per feature",
}


def make_embedding(scheme: str, T: int, D: int, seed: int = 0, index: int = 0) -> Embedding:
    """The embedding of ``scheme``; ``seed`` and ``index`` matter only for ``random``."""
    if scheme == "random":
        return RandomEmbedding(T, D, seed, index)
    features = np.arange(T)
    if scheme == "single":
        return AxisEmbedding(T, D, np.where(features < D, features, -1))
    if scheme == "multi":
        return AxisEmbedding(T, D, features % D)
    raise ValueError(f"unknown scheme {scheme!r}; use one of {', '.join(SCHEMES)}")


def multi_group_sizes(T: int, D: int) -> dict[int, int]:
    """{group size g: number of neurons with g features} for feature i on neuron i mod D."""
    small, extra = divmod(T, D)
    sizes = {small: D - extra}
    if extra:
        sizes[small + 1] = extra
    return sizes
