"""Validated model parameters, the limits they must respect, and the regime warning.

Every entry point (the command line, the app, the tests) builds a :class:`Params`
through :func:`make_params`, so one table of limits decides what is valid and one
message format explains what is not.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields
from decimal import Decimal

#: Inclusive (low, high) limits per field.  The upper limits are sanity bounds;
#: whether a simulation fits in memory is decided separately by :mod:`budget`.
LIMITS: dict[str, tuple[float, float]] = {
    "T": (2, 100_000_000),
    "D": (1, 1_000_000),
    "z": (1, 100_000_000),
    # Cross-entropy's best scale is large (≈ 22 at the defaults): its logits need room.
    "a": (0.0, 100.0),
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


#: Typed text longer than this is cut (with "…") when a message repeats it.
ECHO_CHARS = 30

#: What a number may look like: ASCII digits, an optional sign (``-``, ``+`` or the
#: typographic minus U+2212), ``,`` only between groups of exactly three digits or
#: ``_`` between digits, an optional fraction and exponent.  Anything else (fullwidth
#: or Arabic-Indic digits, spaces inside, "0,5" as a decimal comma) is refused rather
#: than guessed at: a misread number is worse than a refusal.
_NUMBER = re.compile(
    r"""[+-]?
    (?: (?: \d{1,3}(?:,\d{3})+ | \d+(?:_\d+)* ) (?:\.(?:\d+(?:_\d+)*)?)?
      | \.\d+(?:_\d+)* )
    (?: [eE][+-]?\d+ )?""",
    re.ASCII | re.VERBOSE,
)
_NOT_FINITE = re.compile(r"[+-]?(?:inf|infinity|nan)", re.ASCII | re.IGNORECASE)


def echo(text: object) -> str:
    """``text`` as a message repeats it: at most :data:`ECHO_CHARS` characters, then "…"."""
    shown = str(text)
    return shown if len(shown) <= ECHO_CHARS else shown[:ECHO_CHARS] + "…"


#: Exponents longer than this many digits are read as ±10**17: the number is then
#: already 0 or infinite to a float, and Decimal refuses exponents near 10**18.
_EXPONENT_DIGITS = 17


def _decimal(cleaned: str) -> Decimal:
    """``cleaned`` (matching :data:`_NUMBER`, separators removed) as a Decimal, any exponent."""
    mantissa, mark, exponent = cleaned.partition("e" if "e" in cleaned else "E")
    if len(exponent.lstrip("+-").lstrip("0")) > _EXPONENT_DIGITS:
        exponent = f"{'-' if exponent.startswith('-') else ''}{10**_EXPONENT_DIGITS}"
    return Decimal(f"{mantissa}{mark}{exponent}")


def read_number(field: str, text: str, allowed: str) -> Decimal:
    """The exact number ``text`` spells, or ParamError ``<field>: …; use <allowed>``.

    The one reader of typed numbers (every model field, every numeric option):
    :data:`_NUMBER`'s rules, and any exponent, however long, without an exception.
    """
    text = text.strip()
    if text == "":
        raise ParamError(field, f"is empty; use {allowed}")
    cleaned = text.replace("\u2212", "-")
    if _NOT_FINITE.fullmatch(cleaned):
        raise ParamError(field, f"{echo(text)} is not finite; use {allowed}")
    if not _NUMBER.fullmatch(cleaned):
        hint = "; a comma only groups thousands (1,000)" if "," in text else ""
        raise ParamError(field, f"{echo(repr(text))} is not a number; use {allowed}{hint}")
    return _decimal(cleaned.replace(",", "").replace("_", ""))


def read_whole(field: str, text: str, low: int, high: int) -> int:
    """The whole number from ``low`` to ``high`` that ``text`` spells, or ParamError."""
    allowed = f"a whole number from {low:,} to {high:,}"
    number = read_number(field, text, allowed)
    shown = echo(text.strip())
    if number != number.to_integral_value():
        raise ParamError(field, f"{shown} is not a whole number; use {allowed}")
    if not low <= number <= high:
        raise ParamError(field, f"{shown} is out of range; use {allowed}")
    return int(number)


def _shown(raw: object) -> str:
    """How a message repeats a value: as typed, never re-rendered as 1e+08."""
    if isinstance(raw, str):
        return echo(raw.strip())
    if isinstance(raw, float):
        return echo(repr(raw))
    return echo(raw)


def parse_value(field: str, raw: object) -> int | float | None:
    """Turn user input (text or number) into the field's type, or raise ParamError.

    Text follows :data:`_NUMBER`; numbers are taken as they are.  Empty text for
    ``a`` means "no readout scale chosen".  Only the type is checked here; the
    range is :func:`make_params`'s.
    """
    if field not in LIMITS:
        raise ParamError(field, "unknown parameter")
    text = raw.strip() if isinstance(raw, str) else ""
    if field == "a" and (raw is None or (isinstance(raw, str) and text == "")):
        return None
    if isinstance(raw, str):
        number = read_number(field, text, allowed_range(field))
    elif isinstance(raw, bool) or not isinstance(raw, int | float | Decimal):
        raise ParamError(field, f"{echo(repr(raw))} is not a number; use {allowed_range(field)}")
    else:
        if isinstance(raw, float) and not math.isfinite(raw):
            raise ParamError(field, f"{_shown(raw)} is not finite; use {allowed_range(field)}")
        number = Decimal(raw)
    if field in INTEGER_FIELDS:
        if number != number.to_integral_value():
            raise ParamError(
                field, f"{_shown(raw)} is not a whole number; use {allowed_range(field)}"
            )
        low, high = LIMITS[field]
        # Far outside every limit: keep the typed text for the message, skip a huge int.
        if not low - 1 <= number <= high + 1:
            raise _OutOfRange(field, _shown(raw))
        return int(number)
    value = float(number)
    if not math.isfinite(value):
        raise _OutOfRange(field, _shown(raw))
    return value


class _OutOfRange(ParamError):
    """A well-formed number beyond the field's limits (the range is filled in later)."""

    def __init__(self, field: str, shown: str) -> None:
        super().__init__(field, f"{shown} is out of range; use {allowed_range(field)}")
        self.shown = shown


def _out_of_range(field: str, shown: str, T: int | float | None) -> ParamError:
    limit = int(T) if field == "z" and T is not None else None
    return ParamError(field, f"{shown} is out of range; use {allowed_range(field, limit)}")


def make_params(**values: object) -> Params:
    """Parse and validate keyword values into :class:`Params`.

    Missing fields take :data:`DEFAULTS`.  Raises :class:`ParamError` naming the
    first offending field and its allowed range; never clamps.
    """
    unknown = set(values) - set(LIMITS)
    if unknown:
        name = sorted(unknown)[0]
        raise ParamError(name, "unknown parameter")
    raws = {name: values.get(name, DEFAULTS[name]) for name in LIMITS}
    parsed: dict[str, int | float | None] = {}
    for name in LIMITS:
        try:
            parsed[name] = parse_value(name, raws[name])
        except _OutOfRange as error:
            raise _out_of_range(name, error.shown, parsed.get("T")) from None
    T = int(parsed["T"] or 0)
    for name, value in parsed.items():
        if value is None:
            continue
        low, high = LIMITS[name]
        if name == "z":
            high = min(high, T)
        if not low <= value <= high:
            raise _out_of_range(name, _shown(raws[name]), T)
    return Params(**parsed)  # type: ignore[arg-type]


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
