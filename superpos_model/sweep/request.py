"""What a sweep screen asks for, parsed and checked before any work: the axes, values, readout.

The app's sweep screen has five text settings (the varied field, its values, the
readout, and the second axis of a phase diagram with its values); this module
turns them into one :class:`SweepRequest` or a :class:`~superpos_model.params.ParamError`
naming the setting at fault, and computes the request.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..monitor import SILENT, Monitor
from ..params import ParamError, Params
from .grid import PHASE_AXES, SWEEP_FIELDS, Value, cell_params, parse_values, point_params
from .line import SweepResult, sweep
from .phase import PhaseDiagram, phase_diagram
from .readouts import READOUT_CHOICES, readout_names, require_available

#: The settings a request is parsed from, in the order a screen shows them.
SETTINGS = ("vary", "values", "readout", "vary2", "values2")


@dataclass(frozen=True)
class SweepRequest:
    """One sweep (``phase`` False) or phase diagram (x = ``field``, y = ``field2``).

    ``field2`` and ``values2`` are kept while the line view is on show, so the
    phase view can come back to them.
    """

    field: str
    values: tuple[Value, ...]
    readout: str
    phase: bool
    field2: str
    values2: tuple[Value, ...]

    @property
    def readouts(self) -> tuple[str, ...]:
        return readout_names(self.readout)


@dataclass(frozen=True)
class SweepOutcome:
    """What a request computed: the sweep, or one phase diagram per readout."""

    request: SweepRequest
    line: SweepResult | None = None
    phases: tuple[PhaseDiagram, ...] = ()


def parse_request(texts: dict[str, str], phase: bool, base: Params) -> SweepRequest:
    """The request the settings ``texts`` spell at ``base``, or ParamError naming a setting.

    Every point (or cell) is checked against the parameter limits here, so a bad
    value is reported before anything is computed; an error about a parameter
    (say z above T at some point) is reported against the values that caused it.
    """
    field, field2 = texts["vary"].strip(), texts["vary2"].strip()
    axes = SWEEP_FIELDS if not phase else PHASE_AXES
    if field not in axes:
        raise ParamError("vary", f"{field!r}; use one of {', '.join(axes)}")
    if phase and field2 not in PHASE_AXES:
        raise ParamError("vary2", f"{field2!r}; use one of {', '.join(PHASE_AXES)}")
    readout = texts["readout"].strip()
    if readout not in READOUT_CHOICES:
        raise ParamError("readout", f"{readout!r}; use one of {', '.join(READOUT_CHOICES)}")
    for name in readout_names(readout):
        require_available(name)
    values = _values(field, texts["values"], "values")
    values2 = _values(field2, texts["values2"], "values2") if phase else ()
    request = SweepRequest(field, values, readout, phase, field2, values2)
    try:
        if phase:
            cell_params(base, field, values, field2, values2)
        else:
            point_params(base, field, values)
    except ParamError as error:
        option = error.field if error.field in SETTINGS else "values"
        raise ParamError(option, str(error)) from None
    return request


def _values(axis: str, text: str, option: str) -> tuple[Value, ...]:
    try:
        return parse_values(axis, text, option)
    except ParamError as error:
        if error.field == option:
            raise
        raise ParamError(option, str(error)) from None


def run_request(
    base: Params, request: SweepRequest, *, workers: int | None = None, monitor: Monitor = SILENT
) -> SweepOutcome:
    """Compute ``request`` at ``base`` (progress and cancellation through ``monitor``)."""
    if not request.phase:
        values = [int(v) for v in request.values]
        line = sweep(base, request.field, values, request.readout, workers=workers, monitor=monitor)
        return SweepOutcome(request, line=line)
    names = request.readouts
    phases = tuple(
        phase_diagram(
            base,
            request.field,
            request.values,
            request.field2,
            request.values2,
            name,
            workers=workers,
            monitor=monitor.part(k / len(names), (k + 1) / len(names)),
        )
        for k, name in enumerate(names)
    )
    return SweepOutcome(request, phases=phases)
