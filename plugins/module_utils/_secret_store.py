# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""A KV v2 secret store (HashiCorp Vault and OpenBao speak the same API) over the shared transport.

The option names and environment variables are community.hashi_vault's, so a user's settings
carry over. Reads are retried like any read; a write is sent with check-and-set (``cas``) so that
two runs never overwrite each other silently, and is never repeated blindly: a write whose answer
was lost is settled by reading the copy back and comparing its fingerprint.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import json
import re

from ansible.module_utils.basic import env_fallback
from ansible.module_utils.six.moves.urllib.parse import quote

from ansible_collections.cloudapps.provision.plugins.module_utils._endpoint import parse_endpoint
from ansible_collections.cloudapps.provision.plugins.module_utils._errors import (
    AUTH, CONFLICT, NOT_FOUND, CloudError, category_by_status,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._transport import Transport

STORE_NAME = "secret store"
# What to check, by error category, in the words of the secret_store option.
_HINTS = {
    "network": "check secret_store.url (or VAULT_ADDR), any proxy and the network",
    "auth": ("check the token (secret_store.token or VAULT_TOKEN) or the AppRole's role_id and secret_id, and that "
             "its policy allows this path"),
    "not_found": "check secret_store.engine_mount_point: a KV version 2 engine must be mounted there",
    "conflict": "run again: the next run compares with the copy that is there now",
    "signature": "check secret_store.url, validate_certs and ca_cert",
}
# The suboptions of secret_store, declared once (modules, role and docs are checked against it).
STORE_OPTIONS = dict(
    url=dict(type="str", fallback=(env_fallback, ["VAULT_ADDR"])),
    # Unset: approle when role_id is given and token is not (an AWX credential injects no method).
    auth_method=dict(type="str", choices=["token", "approle"]),
    token=dict(type="str", no_log=True, fallback=(env_fallback, ["VAULT_TOKEN"])),
    role_id=dict(type="str", no_log=True, fallback=(env_fallback, ["VAULT_ROLE_ID"])),
    secret_id=dict(type="str", no_log=True, fallback=(env_fallback, ["VAULT_SECRET_ID"])),
    namespace=dict(type="str", fallback=(env_fallback, ["VAULT_NAMESPACE"])),
    engine_mount_point=dict(type="str", default="secret"),
    path=dict(type="str", required=True),
    validate_certs=dict(type="bool", default=True),
    ca_cert=dict(type="path", fallback=(env_fallback, ["VAULT_CACERT"])),
)
# A KV path: segments of letters, digits and ._-@ (and {name} in items), no empty or dot segments.
_SEGMENT = re.compile(r"^[A-Za-z0-9_.@{}-]+\Z")
FINGERPRINT_SHOWN = 16


def fingerprint(material):
    """SHA-256 over the secret fields (a dict), canonical JSON; shown truncated, never reversible."""
    canonical = json.dumps(material, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:FINGERPRINT_SHOWN]


def _path_problem(option, value):
    if not value or not value.strip("/"):
        return "%s: must not be empty" % option
    segments = value.strip("/").split("/")
    for segment in segments:
        if segment in (".", "..") or not _SEGMENT.match(segment):
            return ("%s: %r is not a KV path: segments of letters, digits and . _ - @ separated by '/', "
                    "without '.' or '..' segments" % (option, value))
    return None


def auth_method(settings):
    """The login to use: the one given, else approle with a role_id and no token, else token."""
    if settings.get("auth_method"):
        return settings["auth_method"]
    return "approle" if settings.get("role_id") and not settings.get("token") else "token"


def store_problems(settings, where="secret_store"):
    """Every input problem of the secret_store option, naming the suboption; no call is made."""
    problems = []
    if not settings.get("url"):
        problems.append("%s.url: required; set it or VAULT_ADDR" % where)
    else:
        try:
            parse_endpoint(settings["url"])
        except ValueError as exc:
            problems.append("%s.url: %s" % (where, exc))
    if auth_method(settings) == "token" and not settings.get("token"):
        problems.append("%s.token: required with auth_method=token; set it or VAULT_TOKEN (or role_id and secret_id, "
                        "VAULT_ROLE_ID and VAULT_SECRET_ID, for an AppRole login)" % where)
    if auth_method(settings) == "approle":
        for option, env in (("role_id", "VAULT_ROLE_ID"), ("secret_id", "VAULT_SECRET_ID")):
            if not settings.get(option):
                problems.append("%s.%s: required with auth_method=approle; set it or %s" % (where, option, env))
    for option in ("path", "engine_mount_point"):
        problem = _path_problem("%s.%s" % (where, option), settings.get(option))
        if problem:
            problems.append(problem)
    return problems


def parse_store_answer(response):
    """(data, None) of a 2xx answer; CloudError naming the store's own errors otherwise."""
    data = response.json_or_none()
    if 200 <= response.status < 300:
        return data, None
    errors = data.get("errors") if isinstance(data, dict) else None
    message = "; ".join(str(error) for error in errors or ()) or "HTTP %s" % response.status
    category = category_by_status(response.status)
    if response.status == 400 and "check-and-set" in message:
        category = CONFLICT
    raise CloudError(message, code="HTTP %s" % response.status, category=category, vendor=STORE_NAME,
                     http_status=response.status)


class SecretStore:
    """One KV v2 path's reads and writes, logged in once per task."""

    def __init__(self, settings, timeout=30, log=None, max_attempts=3):
        self.settings = settings
        self.base_url = parse_endpoint(settings["url"])
        self.mount = settings.get("engine_mount_point", "secret").strip("/")
        self.transport = Transport(STORE_NAME, timeout=timeout, validate_certs=settings.get("validate_certs", True),
                                   ca_cert=settings.get("ca_cert"), log=log, max_attempts=max_attempts)
        self._token = settings.get("token") if auth_method(settings) == "token" else None

    def _url(self, kind, path):
        return "%s/v1/%s/%s/%s" % (self.base_url, quote(self.mount, safe="/"), kind, quote(path.strip("/"), safe="/@"))

    def _call(self, action, method, url, body=None, mutating=False, with_token=True):
        payload = json.dumps(body).encode("utf-8") if body is not None else b""

        def prepare():
            headers = {"Content-Type": "application/json"}
            if with_token:
                headers["X-Vault-Token"] = self.token()
            if self.settings.get("namespace"):
                headers["X-Vault-Namespace"] = self.settings["namespace"]
            return method, url, headers, payload

        try:
            # A check-and-set write may be retried: a repeat of one that went through is refused as a
            # conflict, which the caller settles by reading the copy back.
            return self.transport.call(prepare, parse_store_answer, action, mutating=mutating, idempotent=mutating)
        except CloudError as error:
            error.hint = error.hint or _HINTS.get(error.category)
            raise

    def token(self):
        if self._token is None:
            answer = self._call("AppRole login", "POST", "%s/v1/auth/approle/login" % self.base_url,
                                body={"role_id": self.settings["role_id"], "secret_id": self.settings["secret_id"]},
                                with_token=False)
            auth = (answer or {}).get("auth") or {}
            if not auth.get("client_token"):
                raise CloudError("the AppRole login answered without a token", category=AUTH, vendor=STORE_NAME)
            self._token = auth["client_token"]
        return self._token

    def read(self, path):
        """``{"data": {...}, "version": n}`` of the current version, or None when there is none (never
        written, or its current version deleted or destroyed)."""
        try:
            answer = self._call("KV read", "GET", self._url("data", path))
        except CloudError as error:
            if error.category == NOT_FOUND:
                return None
            raise
        inner = (answer or {}).get("data") or {}
        metadata = inner.get("metadata") or {}
        if inner.get("data") is None or metadata.get("deletion_time") or metadata.get("destroyed"):
            return None
        return {"data": inner["data"], "version": metadata.get("version")}

    def current_version(self, path):
        """The path's current version number (0 when never written): what a check-and-set write needs."""
        try:
            answer = self._call("KV metadata read", "GET", self._url("metadata", path))
        except CloudError as error:
            if error.category == NOT_FOUND:
                return 0
            raise
        return int(((answer or {}).get("data") or {}).get("current_version") or 0)

    def write(self, path, data, cas):
        """Write ``data`` as the next version if the current one is ``cas`` (0: only if none); the new
        version number. A CONFLICT error when someone else wrote in between."""
        answer = self._call("KV write", "POST", self._url("data", path), body={"options": {"cas": cas}, "data": data},
                            mutating=True)
        return int(((answer or {}).get("data") or {}).get("version") or 0)
