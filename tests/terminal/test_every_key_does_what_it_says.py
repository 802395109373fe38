"""Every key the help lists, on every screen, pressed in a real terminal: each does what it says.

The keys are not listed here: they are read off the bindings, as the help reads them
(:meth:`SuperposApp.advertised_bindings`, for each screen at the terminal's size, in a headless
run), so a key added to a screen is pressed here too.  Each binding's action has a check in
:data:`CHECKS` (press the key, see its effect on the pane) or a reason in
:data:`NOT_OBSERVABLE`; an action with neither fails the test, until someone says how to see it.

The footer shows a subset of the help's keys (those with ``show``), so covering the help covers
the footer.  The test then quits with ctrl+q and expects exit status 0.

It takes minutes (every screen computes, twice: 80×24 and 200×60), so it is marked slow:
``pytest -n 0 -m slow tests/terminal/test_every_key_does_what_it_says.py``.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from textual.binding import Binding

from superpos_model import make_params
from tests.helpers.terminal import APP, TIMEOUT, Pane, pane, tmux
from tui.app import SCREENS_TABLE, SuperposApp
from tui.widgets.params_panel import ParamInput

START = ["--T", "300", "--D", "30", "--z", "3", "--samples", "300"]
SIZES = [(80, 24), (200, 60)]

#: Textual's key names that tmux spells otherwise (single characters are sent as they are).
TMUX_NAMES = {
    "question_mark": "?",
    "plus": "+",
    "equals_sign": "=",
    "minus": "-",
    "space": "Space",
    "escape": "Escape",
    "enter": "Enter",
    "tab": "Tab",
    "left": "Left",
    "right": "Right",
    "up": "Up",
    "down": "Down",
    "pageup": "PPage",
    "pagedown": "NPage",
    "home": "Home",
    "end": "End",
}


def tmux_key(key: str) -> str:
    """``ctrl+s`` → ``C-s``, ``shift+up`` → ``S-Up``, ``f5`` → ``F5``, ``n`` → ``n``."""
    modifier, _, name = key.rpartition("+")
    name = TMUX_NAMES.get(name, name.upper() if re.fullmatch(r"f\d+", name) else name)
    prefix = {"": "", "ctrl": "C-", "shift": "S-"}[modifier]
    return prefix + name


@dataclass(frozen=True)
class Advertised:
    """What one screen advertises: its bindings (as the help lists them) and a footer label
    that tells it is on view (its own first footer entry)."""

    mode: str
    key: str
    marker: str
    bindings: tuple[Binding, ...]


async def _advertised(size: tuple[int, int]) -> list[Advertised]:
    app = SuperposApp(make_params(T=300, D=30, z=3, samples=300))
    screens = []
    async with app.run_test(size=size) as pilot:
        for entry in SCREENS_TABLE:
            await app.switch_mode(entry.mode)
            await pilot.pause()
            own = Binding.make_bindings(type(app.screen).__dict__["BINDINGS"])
            shown = [
                b for b in own if b.show and app.screen.check_action(b.action, ()) is not False
            ]
            marker = shown[0].group.description if shown[0].group else shown[0].description
            bindings = tuple(app.advertised_bindings())
            screens.append(Advertised(entry.mode, entry.key, marker, bindings))
    return screens


def advertised(size: tuple[int, int]) -> list[Advertised]:
    """Each screen's advertised keys at ``size``, from a headless run of the app."""
    return asyncio.run(_advertised(size))


# -- seeing an effect ---------------------------------------------------------------------


def styled(app: Pane) -> str:
    """The pane with its colours: focus and a hidden scheme show only as a style."""
    return tmux(app.socket, "capture-pane", "-p", "-e", "-t", "app").stdout


def wait_until(app: Pane, ok: Callable[[], bool], what: str, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ok():
            return
        assert app.exit_status() is None, f"the app ended while {what}:\n{app.scrollback()}"
        time.sleep(0.1)
    pytest.fail(f"never {what}:\n{app.screen()}")


def value(app: Pane, pattern: str) -> str | None:
    found = re.search(pattern, app.screen(), re.MULTILINE)
    return found.group(1) if found else None


def settled(app: Pane, quiet: float = 0.6) -> str:
    """The styled pane once its text has not changed for ``quiet`` seconds (a result may still
    be drawing: its change must not count as the key's; a blinking cursor is only a style)."""
    shown, since = app.screen(), time.monotonic()
    deadline = since + TIMEOUT
    while time.monotonic() < deadline:
        time.sleep(0.1)
        now = app.screen()
        if now != shown:
            shown, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            break
    return styled(app)


def changes(app: Pane, *keys: str) -> None:
    """Press ``keys``: the pane (colours included) must change."""
    before = settled(app)
    app.keys(*keys)
    wait_until(app, lambda: styled(app) != before, f"saw the pane change after {keys}")


def value_changes(app: Pane, pattern: str, key: str) -> None:
    """Press ``key``: the first group of ``pattern`` on the pane must change."""
    settled(app)
    before = value(app, pattern)
    assert before is not None, f"no {pattern!r} on the pane:\n{app.screen()}"
    app.keys(key)
    wait_until(app, lambda: value(app, pattern) not in (before, None), f"saw {pattern} change")


def shows_then_closes(app: Pane, key: str, needle: str) -> None:
    """``key`` opens a dialog showing ``needle``; escape closes it."""
    settled(app)
    app.keys(key)
    app.wait_for(needle)
    app.keys("Escape")
    wait_until(app, lambda: needle not in app.screen(), f"saw {needle!r} go after escape")


# -- the checks, by action --------------------------------------------------------------------

#: A check: the app on the screen ``screen`` (whose footer label ``marker`` shows it is on view),
#: the binding and its key as tmux names it.  It presses the key and fails unless the effect
#: shows; a toggle is pressed twice, so the next key finds the screen as it was.
Check = Callable[[Pane, Advertised, Binding, str], None]

FIELD_T = r"^\s*T\s+(\d+)"
#: The Sweep's line under the plot: the cursor's point.
CURSOR = r"(cursor \w+ = [^\n]*)"
READOUT = r"(?i)(readout +[\w-]+|[\w-]+ readout|trains [\w-]+)"


def _help(app: Pane, screen: Advertised, binding: Binding, key: str) -> None:
    """The help opens (its close line shows) and escape closes it."""
    shows_then_closes(app, key, "closes this help")


def _export(app: Pane, screen: Advertised, binding: Binding, key: str) -> None:
    """The export dialog opens (its hint shows) and escape closes it."""
    shows_then_closes(app, key, "typing replaces the")


def _reseed(app: Pane, screen: Advertised, binding: Binding, key: str) -> None:
    """The seed field moves on."""
    value_changes(app, r"seed\s+(\d+)", key)


def _readout(app: Pane, screen: Advertised, binding: Binding, key: str) -> None:
    """The readout named on the screen changes (a field, or the status line), and back."""
    value_changes(app, READOUT, key)
    for _ in range(4):  # linear → relu (→ both → cross-entropy) → linear: back where it was
        if "linear" in (value(app, READOUT) or ""):
            break
        value_changes(app, READOUT, key)


def _switch(app: Pane, screen: Advertised, binding: Binding, key: str) -> None:
    """The other screen comes on view (its own footer entry shows), then this one again."""
    target = re.search(r"'(\w+)'", binding.action)
    assert target
    others = {s.mode: s for s in SCREENS_BY_SIZE[app.socket]}
    app.keys(key)
    app.wait_for(others[target.group(1)].marker)
    app.keys(tmux_key(screen.key))
    app.wait_for(screen.marker)


def _toggle(app: Pane, screen: Advertised, binding: Binding, key: str) -> None:
    """The pane changes, and changes again on the second press (the toggle goes back)."""
    changes(app, key)
    changes(app, key)


def _once(app: Pane, screen: Advertised, binding: Binding, key: str) -> None:
    """The pane changes (the next step, the next view, the next chain)."""
    changes(app, key)


def _labelled(pattern: str) -> Check:
    def check(app: Pane, screen: Advertised, binding: Binding, key: str) -> None:
        value_changes(app, pattern, key)
        value_changes(app, pattern, key)

    check.__doc__ = f"The label {pattern!r} changes, and back (or on) at a second press."
    return check


#: The footer's sign that a parameter field has focus: the fields' own first footer entry.
IN_FIELD = next(b.description for b in Binding.make_bindings(ParamInput.BINDINGS) if b.show)


def footer(app: Pane) -> str:
    return app.screen().rstrip().rsplit("\n", 1)[-1]


def focus_in_fields(app: Pane, key: str, inside: bool) -> None:
    """Press ``key``: the footer shows the fields' keys (``inside``) or no longer does."""
    app.keys(key)
    where = "into" if inside else "out of"
    wait_until(app, lambda: (IN_FIELD in footer(app)) == inside, f"saw focus move {where} a field")


def _edit(app: Pane, screen: Advertised, binding: Binding, key: str) -> None:
    """Focus moves to the parameter fields (the footer shows their keys); escape leaves."""
    focus_in_fields(app, key, inside=True)
    focus_in_fields(app, "Escape", inside=False)


def _leave(app: Pane, screen: Advertised, binding: Binding, key: str) -> None:
    """From a field (ctrl+g), the key moves focus away (the fields' keys leave the footer)."""
    focus_in_fields(app, "C-g", inside=True)
    focus_in_fields(app, key, inside=False)


#: The key stepping the other way (pressed after each step, so T stays small and quick).
BACK = {"Up": "Down", "PPage": "NPage", "S-Up": "S-Down"}


def _nudge(app: Pane, screen: Advertised, binding: Binding, key: str) -> None:
    """In the T field (ctrl+g), the key steps T (and its opposite steps it back)."""
    focus_in_fields(app, "C-g", inside=True)
    value_changes(app, FIELD_T, key)
    value_changes(app, FIELD_T, BACK[key])
    focus_in_fields(app, "Escape", inside=False)


def _chain(app: Pane, screen: Advertised, binding: Binding, key: str) -> None:
    """The number opens its chain: from the next chain (c), the pane changes."""
    app.keys(key)
    changes(app, "c")
    changes(app, key)


def _train(app: Pane, screen: Advertised, binding: Binding, key: str) -> None:
    """A training run starts (and stops at a second press): the status line says so, for the
    readout now set (switched first with ctrl+l, so a run like the last one still changes the
    line)."""
    status = r"((?:not trained|training \(|done after|stopped)[^\n]*)"
    value_changes(app, READOUT, "C-l")
    value_changes(app, status, key)
    if "training (" in app.screen():
        app.keys(key)  # and the same key stops it
    wait_until(app, lambda: "training (" not in app.screen(), "saw the training stop or end")


def _cursor(app: Pane, screen: Advertised, binding: Binding, key: str) -> None:
    """The cursor line under the plot changes; the opposite key first, so an edge does not
    stop it.  Up and down move it in the phase view (as their description says)."""
    dx, dy = (int(n) for n in re.findall(r"-?\d+", binding.action))
    opposite = {(-1, 0): "Right", (1, 0): "Left", (0, 1): "Down", (0, -1): "Up"}[(dx, dy)]
    phase = dy != 0
    settled(app)  # after a view switch: the key must reach the view now on screen
    if phase:
        changes(app, "C-t")
        settled(app)
    app.keys(opposite)
    value_changes(app, CURSOR, key)
    if phase:
        changes(app, "C-t")


def _crossing(app: Pane, screen: Advertised, binding: Binding, key: str) -> None:
    """The cursor jumps to a crossing: the cursor line changes."""
    value_changes(app, CURSOR, key)


#: Each action's check, by the action's name (without ``screen.`` and arguments).
CHECKS: dict[str, Check] = {
    "help": _help,
    "export": _export,
    "reseed": _reseed,
    "toggle_readout": _readout,
    "cycle_readout": _readout,
    "switch_mode": _switch,
    "toggle_zoom": _labelled(r"zoom: (\w+)"),
    "toggle_log": _labelled(r"y: (\w+)"),
    "toggle_scheme": _toggle,
    "toggle_view": _toggle,
    "next_view": _once,
    "edit": _edit,
    "leave": _leave,
    "nudge": _nudge,
    "next_step": _once,
    "previous_step": _once,
    "next_chain": _once,
    "previous_chain": _once,
    "chain": _chain,
    "presenter": _toggle,
    "toggle_list": _toggle,
    "threshold": _labelled(r"θ = (\S+)"),
    "train": _train,
    "cursor": _cursor,
    "next_crossing": _crossing,
    "cycle_y": _labelled(r"↑ (.*\S)"),
}

#: Actions pressed but not checked, each with the reason its effect cannot be seen.
NOT_OBSERVABLE: dict[str, str] = {}

#: Each running pane's screens (a check for a screen key needs the other screen's footer label).
SCREENS_BY_SIZE: dict[str, list[Advertised]] = {}


def action_name(binding: Binding) -> str:
    return binding.action.partition("(")[0].removeprefix("screen.")


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_advertised_key_does_what_it_says(size):
    screens = advertised(size)
    unchecked = {
        (screen.mode, binding.key, binding.action)
        for screen in screens
        for binding in screen.bindings
        if action_name(binding) not in CHECKS and action_name(binding) not in NOT_OBSERVABLE
    }
    assert not unchecked, f"keys with no check (add one to CHECKS): {sorted(unchecked)}"
    with pane([str(APP), *START], size) as app:
        SCREENS_BY_SIZE[app.socket] = screens
        app.wait_for("z=3 ")
        for screen in screens:
            app.keys(tmux_key(screen.key))
            app.wait_for(screen.marker)
            for binding in screen.bindings:
                name = action_name(binding)
                if name in NOT_OBSERVABLE:
                    continue
                key = tmux_key(binding.key)
                try:
                    CHECKS[name](app, screen, binding, key)
                except BaseException as failed:
                    failed.add_note(f"{screen.mode}: {binding.key} ({binding.description})")
                    raise
        assert app.exit_status() is None, app.scrollback()
        app.keys("C-q")
        assert app.wait_exit() == 0, app.scrollback()
