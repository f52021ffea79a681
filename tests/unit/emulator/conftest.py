"""Fixtures for the emulator tests.

`emulator`: one in-process emulator (thread, port 0) per test session, reset before each test;
it yields an EmulatorClient with .base_url, .host, .port, .access_key, .secret_key, .reset(),
.log(), .state(), .set_faults(list) and .emu (the in-process Emulator object).
`emulator_factory(*cli_args)`: a separate in-process emulator with its own CLI options
(e.g. "--clock-skew", "3600"), shut down after the test.
"""

import json
import os
import sys
import urllib.request

import pytest

# `tests.emulator` is imported as a package from the repo root.
REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
if REPO_ROOT not in sys.path:
    sys.path.insert(0, REPO_ROOT)

from tests.emulator.server import parse_options, start_in_thread  # noqa: E402  pylint: disable=wrong-import-position


class EmulatorClient:
    """Talks to a running emulator through its admin API (what out-of-process users do)."""

    def __init__(self, server):
        self.server = server
        self.emu = server.emulator
        self.base_url = server.base_url
        self.host, self.port = server.server_address[:2]
        self.access_key = self.emu.access_key
        self.secret_key = self.emu.secret_key

    def _admin(self, method, name, payload=None):
        data = None if payload is None else json.dumps(payload).encode("utf-8")
        request = urllib.request.Request(self.base_url + "/_emulator/" + name, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as resp:
            return json.loads(resp.read().decode("utf-8"))

    def reset(self):
        return self._admin("POST", "reset", {})

    def log(self):
        return self._admin("GET", "log")

    def state(self):
        return self._admin("GET", "state")

    def set_faults(self, rules):
        return self._admin("POST", "faults", list(rules))

    def health(self):
        return self._admin("GET", "health")


@pytest.fixture(scope="session")
def _emulator_server():
    server = start_in_thread(parse_options(["--port", "0"]))
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def emulator(_emulator_server):
    client = EmulatorClient(_emulator_server)
    client.reset()
    yield client
    client.reset()


@pytest.fixture
def emulator_factory():
    servers = []

    def _start(*cli_args):
        server = start_in_thread(parse_options(["--port", "0"] + [str(a) for a in cli_args]))
        servers.append(server)
        return EmulatorClient(server)

    yield _start
    for server in servers:
        server.shutdown()
        server.server_close()
