"""Headless Chromium for the browser tests: Debian's ``chromium`` (installed by .ci/run), driven by
Playwright with ``executable_path`` (Playwright's own browser download is never used)."""

from __future__ import annotations

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# no background traffic: this machine's network is closed, and Chromium would retry forever
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
