"""Screenshots of the analysts' page for the README: `make screenshots` (after `make demo`).

Starts `conflictcoder serve` on the demo store, opens the page in Debian's Chromium (through
Playwright, never a downloaded browser) at a desktop and a phone size, opens the event with
the most fatalities, and writes docs/web-wide.png and docs/web-narrow.png.

Usage: python docs/screenshots.py [--db out/demo.duckdb]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

DOCS = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SIZES = {"wide": {"width": 1440, "height": 900}, "narrow": {"width": 390, "height": 844}}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="out/demo.duckdb")
    a = ap.parse_args()
    if not Path(a.db).exists():
        sys.exit(f"{a.db}: no such store; run `make demo` first")
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} missing: apt-get install chromium")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "conflictcoder.cli", "serve", "--db", a.db, "--port", str(port),
                               "--token", "screenshots"], stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url + "/api/meta", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for name, size in SIZES.items():
                page = browser.new_page(viewport=size)
                page.goto(url + "/")
                page.wait_for_selector("body[data-ready='1']", timeout=30_000)
                if name == "wide":
                    top = page.evaluate("() => conflictcoderApp.state.events.slice().sort("
                                        "(a, b) => (b.fatalities_best || 0) - (a.fatalities_best || 0))[0].event_id")
                    page.click(f"#event-list li[data-id='{top}']")
                    page.wait_for_selector("#event-panel .article")
                page.wait_for_timeout(500)  # let the map settle after fitting its bounds
                out = DOCS / f"web-{name}.png"
                page.screenshot(path=str(out), full_page=name == "narrow")
                print(f"wrote {out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out}")
                page.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    raise SystemExit(main())
