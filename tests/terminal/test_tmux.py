"""The installed ``superpos-tui`` in a real terminal (tmux, 80×24): it shows the model's
numbers, follows a key press, and quits on ctrl+q."""

from __future__ import annotations

import time

from superpos_model import make_params, run_check
from tests.helpers.terminal import app_in_tmux, tmux, wait_for
from tui.format import number


def losses(params) -> list[str]:
    return [number(r.exact.minimum) for r in run_check(params).schemes.values()]


def test_app_in_tmux_shows_model_numbers_follows_keys_and_quits():
    with app_in_tmux("--samples 500", (80, 24)) as socket:
        wait_for(socket, "z=5 ", "a fresh W per sample")
        tmux(socket, "send-keys", "-t", "app", "C-t")  # the table tab
        wait_for(socket, *losses(make_params(samples=500)))

        tmux(socket, "send-keys", "-t", "app", "C-g")  # the screen starts on its view
        time.sleep(0.5)  # focus moves after the key is handled: a burst would tab from the view
        tmux(socket, "send-keys", "-t", "app", "Tab", "Tab", "Up")  # T → D → z, then z + 1
        wait_for(socket, "z=6 ", *losses(make_params(z=6, samples=500)))

        tmux(socket, "send-keys", "-t", "app", "C-q")
        wait_for(socket, "superpos-exit=0")
