"""Exports never crash the app, never destroy the file they replace, never leave a
partial file: hostile paths come back as one message in the dialog."""

from __future__ import annotations

import asyncio
import os
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, Static

from superpos_model import make_params
from tests.helpers.apptools import until
from tui.export import ExportError, FileExists, expand, render, write
from tui.files import write_atomic

SMALL = make_params(T=300, D=30, z=3, samples=300)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_never_overwrites_unless_told(tmp_path):
    target = tmp_path / "out.csv"
    write(target, "one")
    with pytest.raises(FileExists):
        write(target, "two")
    assert target.read_text() == "one"
    write(target, "three", overwrite=True)
    assert target.read_text() == "three"
    assert leftovers(tmp_path) == []


def test_new_files_get_the_usual_permissions(tmp_path):
    target = tmp_path / "out.csv"
    write(target, "x")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.parametrize(
    "name",
    [
        "x" * 300 + ".csv",  # longer than a file name may be
        "nofolder/inside/out.csv",
        "out.csv/inside.csv",  # a "folder" that is a file
    ],
)
def test_hostile_paths_are_one_export_error(tmp_path, name):
    (tmp_path / "out.csv").write_text("keep")
    path = tmp_path / name
    with pytest.raises(ExportError):
        write(path, "text")
    assert (tmp_path / "out.csv").read_text() == "keep"
    assert leftovers(tmp_path) == []


def test_rendering_for_a_name_too_long_to_look_up_is_an_export_error(tmp_path):
    with pytest.raises(ExportError, match="cannot write"):
        render(tmp_path / ("x" * 300 + ".csv"), None, lambda: "")  # type: ignore[arg-type]


@pytest.mark.parametrize("raw", ["~nosuchuser-superpos/x.csv", "~results.csv"])
def test_an_unknown_home_folder_is_an_export_error(raw):
    with pytest.raises(ExportError, match="no such user"):
        expand(raw)


def test_a_write_cut_short_by_a_file_size_limit_leaves_the_old_file_whole(tmp_path):
    target = tmp_path / "big.csv"
    original = "0123456789\n" * 9000  # about 99 KB
    target.write_text(original)
    # ulimit -f 40 (40 × 1024 bytes) in a child, so this process keeps its limits.
    script = textwrap.dedent(
        f"""
        import resource
        from pathlib import Path
        from tui.export import ExportError, write
        resource.setrlimit(resource.RLIMIT_FSIZE, (40 * 1024, 40 * 1024))
        try:
            write(Path({str(target)!r}), "x" * 90_000, overwrite=True)
        except ExportError as error:
            print("refused:", error)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("refused: cannot write")
    assert target.read_text() == original
    assert leftovers(tmp_path) == []
    assert resource.getrlimit(resource.RLIMIT_FSIZE)[0] != 40 * 1024


def test_write_atomic_removes_its_temporary_file_on_failure(tmp_path):
    (tmp_path / "taken").mkdir()
    with pytest.raises(OSError):
        write_atomic(tmp_path / "taken", "text", overwrite=True)  # cannot replace a folder
    assert leftovers(tmp_path) == []


async def _open_dialog(pilot) -> Input:
    app = pilot.app
    while app.screen.result is None:
        await pilot.pause(0.05)
    await pilot.press("ctrl+s")
    await pilot.pause()
    return app.screen.query_one("#export-path", Input)


def _burst(app, keys: list[str]) -> None:
    # Every key queued before any is handled, as a fast typist or a paste does.
    for key in keys:
        app.post_message(events.Key(key, None))


def _in(folder: Path, body):
    old = Path.cwd()
    os.chdir(folder)
    try:
        return asyncio.run(body())
    finally:
        os.chdir(old)


def test_three_enters_in_a_burst_write_once_and_close_the_dialog(tmp_path):
    from tui.app import SuperposApp

    async def body():
        app = SuperposApp(SMALL)
        async with app.run_test(size=(100, 30)) as pilot:
            box = await _open_dialog(pilot)
            box.value = ""
            await pilot.press(*"out.csv")
            _burst(app, ["enter"] * 3)
            await pilot.pause(0.5)
            assert not app.screen.is_modal
        return app.return_code

    assert _in(tmp_path, body) in (None, 0)
    assert (tmp_path / "out.csv").stat().st_size > 0
    assert leftovers(tmp_path) == []


def test_a_burst_of_enters_never_confirms_an_overwrite(tmp_path):
    # ctrl+s, an existing file's name, then Enter ×4 in one burst: the second Enter used to
    # answer the question the first one asked, and the file was replaced.
    from tui.app import SuperposApp
    from tui.screens.export_dialog import ANSWER_DELAY

    (tmp_path / "keep.csv").write_text("precious\n")

    async def body():
        app = SuperposApp(SMALL)
        async with app.run_test(size=(100, 30)) as pilot:
            box = await _open_dialog(pilot)
            box.value = "keep.csv"
            _burst(app, ["enter"] * 4)
            await pilot.pause(0.2)
            assert app.screen.is_modal  # still asking
            assert (tmp_path / "keep.csv").read_text() == "precious\n"
            await pilot.pause(ANSWER_DELAY)
            await pilot.press("enter")  # a press of its own answers
            await pilot.pause()
            assert not app.screen.is_modal
        return app.return_code

    assert _in(tmp_path, body) in (None, 0)
    assert (tmp_path / "keep.csv").read_text().startswith("# superpos-tui")
    assert leftovers(tmp_path) == []


HOSTILE = [
    ("~nosuchuser-superpos/x.csv", "no such user"),
    ("~results.csv", "no such user"),
    ("y" * 300 + ".csv", "cannot write"),
    (".", "is a folder"),
    ("out.csv/inside.csv", "cannot write"),
]


def test_hostile_paths_in_the_dialog_are_a_message_not_a_crash(tmp_path):
    from tui.app import SuperposApp

    (tmp_path / "out.csv").write_text("keep")

    async def body():
        app = SuperposApp(SMALL)
        said = []
        async with app.run_test(size=(100, 30)) as pilot:
            box = await _open_dialog(pilot)
            for typed, _ in HOSTILE:
                box.value = typed
                _burst(app, ["enter"])
                await pilot.pause(0.2)
                assert app.screen.is_modal
                said.append(str(app.screen.query_one("#export-message", Static).render()))
        return app.return_code, said

    code, said = _in(tmp_path, body)
    assert code in (None, 0)
    for (typed, says), message in zip(HOSTILE, said, strict=True):
        assert says in message, (typed, message)
    assert (tmp_path / "out.csv").read_text() == "keep"


def test_a_burst_of_ctrl_s_opens_one_export_dialog(tmp_path):
    # The dialog opens a refresh after ctrl+s: every ctrl+s of a burst came first, and each
    # stacked one more dialog (the 10-minute monkey: dozens deep, then RecursionError).
    from tui.app import SuperposApp
    from tui.screens.export_dialog import ExportDialog

    async def body():
        app = SuperposApp(SMALL)
        async with app.run_test(size=(100, 30)) as pilot:
            while app.screen.result is None:
                await pilot.pause(0.05)
            _burst(app, ["ctrl+s"] * 4)
            # The dialog waits for the screenshot, slow on a loaded machine: wait for it,
            # then long enough for any second one to follow.
            await until(pilot, lambda: isinstance(app.screen, ExportDialog))
            await pilot.pause(0.5)
            assert sum(isinstance(s, ExportDialog) for s in app.screen_stack) == 1
            await pilot.press("escape")
            await pilot.pause(0.2)
            assert not app.screen.is_modal
            await pilot.press("ctrl+s")  # and the next one opens again
            await until(pilot, lambda: isinstance(app.screen, ExportDialog))
        return app.return_code

    assert _in(tmp_path, body) in (None, 0)
