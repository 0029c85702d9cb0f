"""A page kept open in headless Chromium, offline as ``tests.e2e.browser.open_page`` opens one,
for tests that act on it step by step: run a script (awaiting its promise), wait until a
condition holds and the network is quiet, take a screenshot, and find what a click downloaded.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.e2e.browser import Visit, _close, _launch, _Watch

WIDTH, HEIGHT = 1280, 1000


class Page:
    def __init__(self, pipe: Any, watch: _Watch, downloads: Path) -> None:
        self.pipe, self.watch, self.downloads = pipe, watch, downloads

    @property
    def visit(self) -> Visit:
        return self.watch.visit

    def run(self, script: str) -> Any:
        """The value of ``script`` (a promise is awaited), answering paused requests meanwhile."""
        answer = self.pipe.call("Runtime.evaluate", {"expression": script, "returnByValue": True,
                                                     "awaitPromise": True})
        if "exceptionDetails" in answer:
            raise RuntimeError(f"{script[:80]}: {answer['exceptionDetails']}")
        return answer.get("result", {}).get("value")

    def wait(self, condition: str, timeout: float = 60) -> None:
        """Until ``condition`` is true (false while it throws: the document may still be
        loading) and the network is quiet."""
        deadline = time.monotonic() + timeout
        tolerant = f"(() => {{ try {{ return Boolean({condition}); }} " \
                   "catch { return false; } })()"
        while not (self.watch.quiet() and self.run(tolerant)):
            if time.monotonic() > deadline:
                raise TimeoutError(f"not true in {timeout} s: {condition}; {self.visit}")
            self.watch.pump(0.2)

    def screenshot(self, path: Path) -> None:
        """The whole page, however long, as a PNG."""
        height = int(self.run("document.documentElement.scrollHeight"))
        self.pipe.call("Emulation.setDeviceMetricsOverride", {
            "width": WIDTH, "height": max(height, HEIGHT), "deviceScaleFactor": 1,
            "mobile": False})
        shot = self.pipe.call("Page.captureScreenshot", {"format": "png"})
        path.write_bytes(base64.b64decode(shot["data"]))
        self.pipe.call("Emulation.setDeviceMetricsOverride", {
            "width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})

    def downloaded(self, name: str, timeout: float = 30) -> Path:
        """The file ``name`` once Chromium has finished writing it to the downloads folder."""
        found = self.downloads / name
        deadline = time.monotonic() + timeout
        while not (found.exists() and not any(self.downloads.glob("*.crdownload"))):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{name} was not downloaded in {timeout} s: "
                                   f"{sorted(p.name for p in self.downloads.iterdir())}")
            self.watch.pump(0.2)
        return found


@contextmanager
def opened(url: str, *, origin: str, profile: Path, downloads: Path) -> Iterator[Page]:
    """``url`` open offline (only ``origin`` is fetched); downloads go to ``downloads``."""
    pipe = _launch(profile)
    try:
        pipe.call("Browser.setDownloadBehavior", {
            "behavior": "allow", "downloadPath": str(downloads)}, session=False)
        target = pipe.call("Target.createTarget", {"url": "about:blank"}, session=False)
        attached = pipe.call("Target.attachToTarget",
                             {"targetId": target["targetId"], "flatten": True}, session=False)
        pipe.session = attached["sessionId"]
        watch = _Watch(pipe, Visit(origin))
        for domain in ("Network", "Runtime", "Log", "Page"):
            pipe.call(f"{domain}.enable")
        pipe.call("Fetch.enable", {"patterns": [{"urlPattern": "*"}]})
        pipe.call("Emulation.setDeviceMetricsOverride", {
            "width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
        pipe.send("Page.navigate", {"url": url})
        yield Page(pipe, watch, downloads)
    finally:
        _close(pipe)
