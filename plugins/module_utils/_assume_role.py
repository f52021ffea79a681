# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""assume_role: the settings, checked before any call, and the one STS call of a task whose
temporary key signs every request after it."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re
import threading

from ansible_collections.cloudapps.provision.plugins.module_utils._declarations import ROLE_OPTION_SPECS, TemporaryKey
from ansible_collections.cloudapps.provision.plugins.module_utils._endpoint import PRINTABLE_ASCII, parse_endpoint
from ansible_collections.cloudapps.provision.plugins.module_utils._errors import CloudError, malformed_answer

# The characters and lengths every vendor's STS accepts in a session name (Alibaba's are the narrowest).
SESSION_NAME = re.compile(r"^[A-Za-z0-9_.@-]{2,64}\Z")
EXTERNAL_ID = re.compile(r"^[A-Za-z0-9_.@:=,/+-]{2,128}\Z")
# How each vendor writes the role it is asked for (a paste error is caught before any call).
ROLE_FORMATS = {
    "Alibaba Cloud": (re.compile(r"^acs:ram::\d+:role/[^\s]+\Z"), "acs:ram::1234567890123456:role/provisioner"),
    "Tencent Cloud": (re.compile(r"^qcs::cam::uin/\d+:role(Name)?/[^\s]+\Z"), "qcs::cam::uin/100000000001:roleName/provisioner"),
    "Volcengine": (re.compile(r"^trn:iam::\d+:role/[^\s]+\Z"), "trn:iam::2100000000:role/provisioner"),
}
REFUSAL_HINT = ("check assume_role: the role must exist in the account it names, its trust policy must let the "
                "base credential assume it (with the external id it asks for), and the base credential needs "
                "permission to call AssumeRole")


def _from_environment(sts):
    """assume_role built from the environment when its role variable is set (AWX injects an unset
    field as an empty string: empty means not set), unless another login owns that variable."""
    if any(os.environ.get(name) for name in sts.other_login_env):
        return None
    values = {}
    for option in sts.options:
        found = next((os.environ[name] for name in option.env if os.environ.get(name)), None)
        if found is not None:
            values[option.name] = found
    if sts.options[0].name not in values:
        return None
    for option in sts.options:
        values.setdefault(option.name, ROLE_OPTION_SPECS[option.name].get("default"))
    duration = values.get("duration_seconds")
    if isinstance(duration, str):
        values["duration_seconds"] = int(duration) if duration.strip().isdigit() else duration
    return values


def _without_empty(given):
    # Empty means not set (an AWX credential field left empty reaches the fallbacks as "").
    return dict((name, ROLE_OPTION_SPECS[name].get("default") if value == "" else value) for name, value in given.items())


def role_settings(vendor, given):
    """(settings or None, [problems]): what assume_role asks for, from the option or the environment."""
    sts = vendor.sts
    settings = _without_empty(given) if given is not None else _from_environment(sts)
    if settings is None:
        return None, []
    problems = []
    role_option = sts.options[0].name
    role = settings.get(role_option)
    names = [option.name for option in sts.options]
    env = dict((option.name, option.env) for option in sts.options)
    if not role:
        problems.append("assume_role.%s: required: the role to assume%s" % (
            role_option, " (or set %s)" % env[role_option][0] if env[role_option] else ""))
    elif vendor.name in ROLE_FORMATS and not ROLE_FORMATS[vendor.name][0].match(role):
        problems.append("assume_role.%s: %r is not a role name of %s, such as %s" % (
            role_option, role, vendor.name, ROLE_FORMATS[vendor.name][1]))
    elif not PRINTABLE_ASCII.match(role.replace(" ", "_")):
        problems.append("assume_role.%s: must be printable characters (got %r)" % (role_option, role))
    if "domain_name" in names and bool(settings.get("domain_name")) == bool(settings.get("domain_id")):
        problems.append("assume_role: give domain_name or domain_id (the account the agency is in), one of them")
    session = settings.get("session_name")
    if "session_name" in names and (not isinstance(session, str) or not SESSION_NAME.match(session)):
        problems.append("assume_role.session_name: must be 2-64 letters, digits and . @ _ - (got %r)" % (session,))
    duration = settings.get("duration_seconds")
    shortest, longest = sts.durations
    if not isinstance(duration, int) or isinstance(duration, bool) or not shortest <= duration <= longest:
        problems.append("assume_role.duration_seconds: must be a whole number of seconds from %d to %d for %s (got %r)"
                        % (shortest, longest, vendor.name, duration))
    external_id = settings.get("external_id")
    if external_id and not EXTERNAL_ID.match(external_id):
        problems.append("assume_role.external_id: must be 2-128 letters, digits and _ . @ : = , / + - (got %r)" % external_id)
    policy = settings.get("policy")
    if policy:
        try:
            parsed = json.loads(policy)
        except ValueError:
            parsed = None
        if not isinstance(parsed, dict):
            problems.append("assume_role.policy: must be a policy document (a JSON object) that narrows the role")
    endpoint = settings.get("endpoint")
    if endpoint:
        try:
            settings["endpoint"] = parse_endpoint(endpoint)
        except ValueError as exc:
            problems.append("assume_role.endpoint: %s" % exc)
    else:
        settings["endpoint"] = sts.default_endpoint
    return settings, problems


def describe_role(settings):
    """The role as a message names it."""
    if settings.get("agency_name"):
        return "agency %s of domain %s" % (settings["agency_name"], settings.get("domain_name") or settings.get("domain_id"))
    return settings.get("role_arn") or settings.get("role_trn")


def refused(error, vendor, settings):
    """The STS error as the task reports it: the role, the vendor's code and what to check."""
    wrapped = CloudError("assume_role: the STS gave no temporary key for %s: %s" % (describe_role(settings), error.message),
                         code=error.code, request_id=error.request_id, category=error.category, vendor=error.vendor,
                         http_status=error.http_status, malformed=error.malformed)
    if not error.retryable:
        wrapped.hint = REFUSAL_HINT
    return wrapped


class RoleSession:
    """The task's temporary key: asked for once, on the first call, shared by every thread."""

    def __init__(self, vendor, settings):
        self.vendor = vendor
        self.settings = settings
        self.lock = threading.Lock()
        self.key = None
        self.error = None
        self.request_ids = []

    def temporary_key(self, make_transport, base_keys, on_secret):
        """The TemporaryKey; the STS call is made by the first caller, a refusal is raised to every one."""
        with self.lock:
            if self.key is None and self.error is None:
                transport = make_transport()
                try:
                    self.key = self.vendor.sts.assume(transport, self.settings, base_keys)
                except CloudError as error:
                    self.error = refused(error, self.vendor, self.settings)
                self.request_ids = list(transport.request_ids)
                if self.key is not None:
                    on_secret(self.key.secret)
                    on_secret(self.key.token)
            if self.error is not None:
                raise self.error
            return self.key


def temporary_key(vendor_name, transport, key, secret, token, expires):
    """The TemporaryKey of an STS answer (sent through ``transport``); a malformed answer when a part is missing."""
    parts = (key, secret, token)
    if not all(isinstance(part, str) and part for part in parts):
        request_id = transport.request_ids[-1] if transport.request_ids else None
        raise malformed_answer(vendor_name + " STS", "AssumeRole", request_id,
                               "the answer has no complete temporary key (key id, secret and token)")
    return TemporaryKey(key, secret, token, expires)
