"""The chains of the walkthrough, in the order ``all`` runs them."""

from __future__ import annotations

import functools
from collections.abc import Callable

from ..monitor import SILENT, Monitor
from ..params import ParamError, Params
from ..session import Session, session_for
from ..steps import Step
from .conclusions import conclusions_chain
from .interference import interference_chain
from .losses import losses_chain
from .multi import multi_chain
from .nonlinear import nonlinear_chain
from .optimum import optimum_chain
from .random import random_chain
from .single import single_chain

#: A chain builds its steps from what a session measures at its parameters.
Chain = Callable[[Session, Monitor], list[Step]]

#: Chain name → builder, in the order ``all`` runs them.
CHAINS: dict[str, Chain] = {
    "random": random_chain,
    "single": single_chain,
    "multi": multi_chain,
    "conclusions": conclusions_chain,
    "interference": interference_chain,
    "nonlinear": nonlinear_chain,
    "losses": losses_chain,
}

#: Chains run only when named: they train an embedding (seconds at the defaults), which
#: ``all`` — and the app's walkthrough screen, which recomputes it on every change — skips.
ON_REQUEST: dict[str, Chain] = {
    "optimum": optimum_chain,
}

#: What ``--scheme`` accepts.
SCHEME_CHOICES = (*CHAINS, *ON_REQUEST, "all")


def chain_names(scheme: str) -> tuple[str, ...]:
    """The chains ``scheme`` selects; :class:`ParamError` naming the choices otherwise."""
    if scheme == "all":
        return tuple(CHAINS)
    if scheme in CHAINS or scheme in ON_REQUEST:
        return (scheme,)
    raise ParamError("scheme", f"{scheme!r} is not a chain; use one of {', '.join(SCHEME_CHOICES)}")


def walkthrough(
    params: Params,
    scheme: str = "all",
    monitor: Monitor = SILENT,
    session: Session | None = None,
) -> list[Step]:
    """Every step of the chains ``scheme`` selects (``all``: every chain of CHAINS), in order.

    ``session`` (for ``params``) supplies the simulations and keeps each chain's
    steps; without one a fresh session is used, shared by the chains of this call.
    """
    names = chain_names(scheme)
    session = session_for(params, session)
    steps: list[Step] = []
    for i, name in enumerate(names):
        part = monitor.part(i / len(names), (i + 1) / len(names))
        chain = CHAINS.get(name) or ON_REQUEST[name]
        steps += session.memo(("chain", name), functools.partial(chain, session, part), part)
    return steps
