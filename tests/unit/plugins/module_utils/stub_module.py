# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one stand-in for CloudAppsModule that unit tests hand to vendor clients and resources."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.cloudapps.provision.plugins.module_utils._transport import Transport


class StubModuleFailed(Exception):
    """What fail_json raises, carrying its msg."""


class StubModule:
    """What vendor Resource and client classes use of CloudAppsModule, over a real Transport."""

    def __init__(self, vendor_name, base_url, params):
        self.base_url = base_url
        self.params = dict(state="present", id=None, return_secrets=False)
        self.params.update(params)
        self.transport = Transport(vendor_name, timeout=5, max_attempts=1)
        self.warnings = []

    # Each vendor's (key, secret) options, told apart by which the params hold (Tencent first: its
    # API keys have access_key_id options of their own); the token is
    # security_token, or Volcengine's session_token.
    KEY_OPTIONS = (("secret_id", "secret_key"), ("access_key_id", "access_key_secret"), ("access_key", "secret_key"))

    def signing_keys(self):
        """What CloudAppsModule.signing_keys gives without assume_role: the credential options."""
        token = self.params.get("security_token") or self.params.get("session_token") or None
        for key, secret in self.KEY_OPTIONS:
            if key in self.params and secret in self.params:
                return self.params[key], self.params[secret], token
        raise AssertionError("the stub's params hold no credential options")

    @property
    def request_ids(self):
        return list(self.transport.request_ids)

    def warn(self, message):
        self.warnings.append(message)

    def fail_json(self, **kwargs):
        raise StubModuleFailed(kwargs["msg"])
