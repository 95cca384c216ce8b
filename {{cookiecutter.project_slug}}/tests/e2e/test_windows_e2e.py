"""End-to-end: several real windows, and events that reach only the windows they aim at.

WebDriver sees every webview window of the app (one handle each), so each
test reads what each window's page shows.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from selenium.common.exceptions import NoSuchWindowException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select

from .ipc import assert_clear_error, assert_field_errors, invoke{% if cookiecutter.with_channels %}, run_in_page{% endif %}
from .ui import element, fill, wait_for_text, wait_until


class Windows:
    """The app's windows by label, and the WebDriver handle of each."""

    def __init__(self, page: WebDriver) -> None:
        self.page = page
        self.handles = {"main": page.current_window_handle}

    def open(self) -> str:
        """Click "Open a new window" in the main window; answer the new label."""
        before = set(self.page.window_handles)
        self.switch("main")
        element(self.page, "window-open").click()
        text = wait_for_text(self.page, "window-output", lambda t: t.startswith("Opened "))
        label = text.removeprefix("Opened ")
        handle = wait_until(self.page, lambda d: (set(d.window_handles) - before) or None).pop()
        self.handles[label] = handle
        self.switch(label)
        wait_until(
            self.page, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready")
        )
        return label

    def switch(self, label: str) -> None:
        self.page.switch_to.window(self.handles[label])

    def notes(self, label: str) -> str:
        self.switch(label)
        return element(self.page, "window-notes").text

    def close(self, label: str) -> None:
        self.switch(label)
        gone = self.handles.pop(label)
        # The window closes under WebDriver's feet as the click lands.
        with contextlib.suppress(NoSuchWindowException):
            element(self.page, "window-close").click()
        self.page.switch_to.window(self.handles["main"])
        wait_until(self.page, lambda d: gone not in d.window_handles)


@pytest.fixture
def windows(page: WebDriver) -> Iterator[Windows]:
    opened = Windows(page)
    yield opened
    for label in [label for label in opened.handles if label != "main"]:
        opened.close(label)
    opened.switch("main")


def send_note(windows: Windows, sender: str, target: str, text: str) -> None:
    windows.switch(sender)
    page = windows.page
    fill(page, "window-note-text", text)
    wait_until(
        page, lambda d: target in [o.text for o in Select(element(d, "window-note-target")).options]
    )
    Select(element(page, "window-note-target")).select_by_visible_text(target)
    element(page, "window-note-send").click()
    wait_for_text(page, "window-output", lambda t: t == f"Sent to {target}")


def test_a_new_window_has_its_own_label_and_only_the_windows_panel(windows: Windows) -> None:
    label = windows.open()

    page = windows.page
    assert label.startswith("window-")
    assert element(page, "window-label").text == label
    panels = [
        p.get_attribute("id") for p in page.find_elements(By.CSS_SELECTOR, "#panels > .panel")
    ]
    assert panels == ["windows-panel"]
    assert element(page, "window-close").is_displayed()
    windows.switch("main")
    wait_for_text(page, "window-list", lambda t: t.split(", ") == ["main", label])
    assert not element(page, "window-close").is_displayed()  # closing main would end the app


def test_a_note_reaches_only_the_window_it_aims_at_both_ways(windows: Windows) -> None:
    second = windows.open()

    send_note(windows, "main", second, "to the second")
    windows.switch(second)
    wait_for_text(windows.page, "window-notes", lambda t: t == "emit_to from main: to the second")
    send_note(windows, second, "main", "to main")
    windows.switch("main")
    wait_for_text(windows.page, "window-notes", lambda t: t == f"emit_to from {second}: to main")

    # Neither heard the other's note: Tauri's global listen() would have.
    assert "to the second" not in windows.notes("main")
    assert "to main" not in windows.notes(second)


def test_the_filter_reaches_exactly_the_windows_it_picked(windows: Windows) -> None:
    second, third = windows.open(), windows.open()
    windows.switch("main")
    fill(windows.page, "window-note-text", "picked")
    fill(windows.page, "window-note-labels", f"main, {third}")

    element(windows.page, "window-note-filter").click()

    wait_for_text(windows.page, "window-output", lambda t: t == f"The filter picked main, {third}")
    for label in ("main", third):
        windows.switch(label)
        wait_for_text(windows.page, "window-notes", lambda t: t == "emit_filter from main: picked")
    assert windows.notes(second) == ""


def test_closing_a_window_tells_the_others(windows: Windows) -> None:
    second, third = windows.open(), windows.open()
    windows.switch("main")
    wait_for_text(windows.page, "window-list", lambda t: t == f"main, {second}, {third}")

    windows.close(second)

    wait_for_text(windows.page, "window-list", lambda t: t == f"main, {third}")
    windows.switch(third)
    wait_for_text(windows.page, "window-list", lambda t: t == f"main, {third}")


def test_a_note_to_a_window_that_is_not_open_is_refused(page: WebDriver) -> None:
    answer = invoke(page, "send_to_window", "{ label: 'window-999', text: 'hi' }")

    assert_clear_error(answer, "No window labelled 'window-999' is open.")
    assert_field_errors(
        invoke(page, "send_to_window", "{ label: '../main', text: '' }"),
        "label: String should match pattern",
        "text: String should have at least 1 character",
    )

{%- if cookiecutter.with_channels %}


def test_a_stream_to_a_closed_window_stops(windows: Windows) -> None:
    second = windows.open()
    # The second window starts a stream far too long to end by itself.
    run_in_page(
        windows.page,
        """
        const { Channel } = window.__TAURI__.core;
        const channel = new Channel(() => {});
        window.__TAURI__.pytauri.pyInvoke("stream_batched", {
          count: 1000, intervalMs: 100, streamId: "to-closed-window", channel,
        }).catch(() => {});
        setTimeout(() => done("started"), 300);
        """,
    )
    windows.switch("main")
    # While it runs, its id is taken.
    channel = "new window.__TAURI__.core.Channel(() => {})"
    body = "{ count: 1, streamId: 'to-closed-window', channel: " + channel + " }"
    taken = invoke(windows.page, "stream_batched", body)
    assert_clear_error(taken, "already running")

    windows.close(second)

    # Python stopped it: the id is free again (stop_stream finds nothing to stop).
    stop = "{ streamId: 'to-closed-window' }"
    wait_until(windows.page, lambda d: invoke(d, "stop_stream", stop).value is False)
{%- endif %}
