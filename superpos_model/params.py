"""Validated model parameters, the limits they must respect, and the regime warning.

Every entry point (the command line, the app, the tests) builds a :class:`Params`
through :func:`make_params`, so one table of limits decides what is valid and one
message format explains what is not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

#: Inclusive (low, high) limits per field.  The upper limits are sanity bounds;
#: whether a simulation fits in memory is decided separately by :mod:`budget`.
LIMITS: dict[str, tuple[float, float]] = {
    "T": (2, 100_000_000),
    "D": (1, 1_000_000),
    "z": (1, 100_000_000),
    "a": (0.0, 10.0),
    "samples": (2, 10_000_000),
    "seed": (0, 2**32 - 1),
}

DEFAULTS: dict[str, float | None] = {
    "T": 1000,
    "D": 100,
    "z": 5,
    "a": None,
    "samples": 2000,
    "seed": 0,
}

INTEGER_FIELDS = ("T", "D", "z", "samples", "seed")


class ParamError(ValueError):
    """A parameter outside its allowed range; ``str()`` is the one-line message."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


@dataclass(frozen=True)
class Params:
    """One point of the model: T features, D neurons, z active, readout scale a.

    ``a`` is ``None`` when the user has not chosen a readout scale; the optimum is
    then the only point of interest.
    """

    T: int = 1000
    D: int = 100
    z: int = 5
    a: float | None = None
    samples: int = 2000
    seed: int = 0

    @property
    def p(self) -> float:
        """Probability that a given feature is active, z/T."""
        return self.z / self.T

    @property
    def q(self) -> float:
        """Probability that two given distinct features are both active."""
        return self.z * (self.z - 1) / (self.T * (self.T - 1))

    def replace(self, **changes: object) -> Params:
        """A validated copy with ``changes`` applied."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(changes)
        return make_params(**values)


def allowed_range(field: str, T: int | None = None) -> str:
    """Human text for the allowed values of ``field`` (z's upper limit is T)."""
    low, high = LIMITS[field]
    if field == "a":
        return f"a number from {low:g} to {high:g}"
    if field == "z":
        return f"a whole number from {int(low):,} to {'T' if T is None else f'{T:,}'}"
    return f"a whole number from {int(low):,} to {int(high):,}"


def parse_value(field: str, raw: object) -> int | float | None:
    """Turn user input (text or number) into the field's type, or raise ParamError.

    Empty text for ``a`` means "no readout scale chosen".
    """
    if field not in LIMITS:
        raise ParamError(field, "unknown parameter")
    text = str(raw).strip().replace("_", "").replace(",", "") if raw is not None else ""
    if field == "a" and (raw is None or text == ""):
        return None
    if text == "":
        raise ParamError(field, f"is empty; use {allowed_range(field)}")
    try:
        number = float(text)
    except ValueError:
        raise ParamError(field, f"{text!r} is not a number; use {allowed_range(field)}") from None
    if not math.isfinite(number):
        raise ParamError(field, f"{text} is not finite; use {allowed_range(field)}")
    if field in INTEGER_FIELDS:
        if number != int(number):
            raise ParamError(field, f"{text} is not a whole number; use {allowed_range(field)}")
        return int(number)
    return number


def make_params(**values: object) -> Params:
    """Parse and validate keyword values into :class:`Params`.

    Missing fields take :data:`DEFAULTS`.  Raises :class:`ParamError` naming the
    first offending field and its allowed range; never clamps.
    """
    unknown = set(values) - set(LIMITS)
    if unknown:
        name = sorted(unknown)[0]
        raise ParamError(name, "unknown parameter")
    parsed = {name: parse_value(name, values.get(name, DEFAULTS[name])) for name in LIMITS}
    for name, value in parsed.items():
        if value is None:
            continue
        low, high = LIMITS[name]
        if name == "z":
            high = min(high, parsed["T"])
        if not low <= value <= high:
            raise ParamError(
                name, f"{value:g} is out of range; use {allowed_range(name, parsed['T'])}"
            )
    return Params(**parsed)


@dataclass(frozen=True)
class RegimeWarning:
    """Where the parameters leave the notes' regime z ≪ D < T (advice, not an error)."""

    messages: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.messages)

    def __str__(self) -> str:
        return "; ".join(self.messages)


#: z/D above this is no longer "z ≪ D" for the notes' approximations.
SPARSE_RATIO = 0.1


def regime_warning(params: Params) -> RegimeWarning:
    """Say which of the notes' assumptions z ≪ D < T the parameters break."""
    messages = []
    if params.D >= params.T:
        messages.append(f"D ≥ T ({params.D} ≥ {params.T}): every feature can have its own neuron")
    if params.z > SPARSE_RATIO * params.D:
        messages.append(
            f"z/D = {params.z / params.D:.2g} is not ≪ 1: the notes' approximations drift"
        )
    return RegimeWarning(tuple(messages))
