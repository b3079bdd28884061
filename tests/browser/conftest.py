"""Fixtures for the browser tests: JupyterLab on 127.0.0.1, driven in Debian's Chromium.

``chromium`` launches the system browser (``/usr/bin/chromium``, or ``$CHROMIUM``) through the
``playwright`` package; no browser is downloaded. ``lab`` starts JupyterLab on a free port with
a token, serving a copy of ``notebooks/`` (tests may save notebooks; the sources stay as they
are). Without Chromium, playwright or JupyterLab the tests are skipped, each with its reason.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
NOTEBOOKS = PROJECT / "notebooks"
ARTIFACTS = PROJECT / "test-output"  # screenshots; `make clean` removes it
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--no-first-run",
    "--disable-sync",
]
TOKEN = "minigrad-browser-test"
# JupyterLab settings for a quiet, predictable page: no news toast, every cell kept in the DOM.
LAB_SETTINGS = {
    "apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false", "checkForUpdates": False},
    "notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, headless, launched by Playwright."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium (or set CHROMIUM)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="browser tests need playwright: pip install playwright")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Lab:
    """A running JupyterLab: its address, the folder it serves, and how to drive a notebook."""

    base: str
    root: Path

    def api(self, path: str):
        request = urllib.request.Request(
            self.base + path, headers={"Authorization": f"token {TOKEN}"})
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.load(response)

    def open(self, page, notebook: str):
        """Open ``notebook`` and wait until its kernel is connected; returns the panel."""
        page.goto(f"{self.base}/lab/tree/{notebook}?reset&token={TOKEN}")
        panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
        panel.wait_for(timeout=60_000)
        self.wait_for_kernel(notebook)
        return panel

    def wait_for_kernel(self, notebook: str, timeout: float = 120) -> None:
        """The toolbar says "idle" before the kernel's websocket is up: ask the server."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for session in self.api("/api/sessions"):
                kernel = session.get("kernel") or {}
                if (session.get("path") == notebook and kernel.get("connections", 0) > 0
                        and kernel.get("execution_state") == "idle"):
                    return
            time.sleep(0.25)
        raise TimeoutError(f"no connected, idle kernel for {notebook}")

    @staticmethod
    def run_all(page, timeout_ms: int = 180_000) -> None:
        """Run › Run All Cells, then wait until every code cell shows a number ``[n]:``.

        An error stops Run All, leaving ``[ ]:`` prompts: then this wait fails.
        """
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Run$")).click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Run All Cells$")).click()
        page.wait_for_function(
            """() => {
                const prompts = [...document.querySelectorAll(
                    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt')];
                return prompts.length > 0
                    && prompts.every(p => /^\\[\\d+\\]:$/.test(p.textContent.trim()));
            }""",
            timeout=timeout_ms, polling=250)


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """JupyterLab on 127.0.0.1 (a free port, a token), serving a copy of notebooks/."""
    pytest.importorskip(
        "jupyterlab", reason="browser tests need JupyterLab: pip install jupyterlab")
    tmp = tmp_path_factory.mktemp("lab")
    root = tmp / "root"
    shutil.copytree(NOTEBOOKS, root, ignore=_not_lesson_files)
    for name, values in LAB_SETTINGS.items():
        path = tmp / "settings" / "@jupyterlab" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    # Kernels import minigrad from this checkout, whichever one the environment installed.
    python_path = os.pathsep.join(filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")]))
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(tmp / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"),
               JUPYTER_RUNTIME_DIR=str(tmp / "runtime"), PYTHONPATH=python_path)
    port = _free_port()
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI run as root
    log_path = tmp / "lab.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)  # its own group: kernels stop with it
    running = Lab(f"http://127.0.0.1:{port}", root)
    try:
        _wait_until_up(running, server, log_path)
        yield running
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


def _not_lesson_files(folder: str, names: list) -> list:
    """Leave out checkpoints and sockets (a kernel running in notebooks/ may have left some)."""
    return [name for name in names if name == ".ipynb_checkpoints"
            or not (os.path.isfile(os.path.join(folder, name))
                    or os.path.isdir(os.path.join(folder, name)))]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(running: Lab, server, log_path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            running.api("/api/status")
            return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"JupyterLab did not start:\n{log_path.read_text()}") from None
            time.sleep(0.25)
