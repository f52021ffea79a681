# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""The module wrapper every vendor module uses, and its runs: a batch of items (or one), an info listing."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import math
import os
import threading

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.cloudapps.provision.plugins.module_utils._assume_role import RoleSession, role_settings
from ansible_collections.cloudapps.provision.plugins.module_utils._declarations import (
    connection_argument_spec, info_argument_spec, policy_argument_spec, resource_argument_spec,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._embedded import new_module
from ansible_collections.cloudapps.provision.plugins.module_utils._endpoint import (
    MAX_TIMEOUT, PRINTABLE_ASCII, REGION_ID, parse_endpoint,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._errors import CloudError
from ansible_collections.cloudapps.provision.plugins.module_utils._failures import failed_rows
from ansible_collections.cloudapps.provision.plugins.module_utils._secrets import _ItemSecretsModule, encoded_forms
from ansible_collections.cloudapps.provision.plugins.module_utils._transport import (
    HAS_REQUESTS, REQUESTS_IMPORT_ERROR, Transport,
)


class CloudAppsModule:
    """AnsibleModule with the shared options of a vendor and the run of a vendor module."""

    # Task-level rules of the batch option; an item is checked against the resource options.
    BATCH_RULES = dict(required_one_of=[("name", "items")], mutually_exclusive=[("name", "items"), ("id", "items")])

    def __init__(self, vendor, argument_spec, kind="resource", **kwargs):
        # Every retry of the task's requests, returned as ``retries`` at -vvv.
        self.retries = []
        # resource: the shared resource options and items; info: the filters of an info module;
        # plain: the module's own options only (an authorization).
        self.resource_spec = {"resource": resource_argument_spec, "policy": policy_argument_spec,
                              "info": info_argument_spec, "plain": dict}[kind]()
        self.resource_spec.update(argument_spec)
        # The module's own rules apply to each item as well as to a single-item task.
        self.resource_constraints = dict((key, list(kwargs.get(key) or [])) for key in (
            "mutually_exclusive", "required_together", "required_one_of", "required_if", "required_by")
            if kwargs.get(key))
        spec = dict(self.resource_spec)
        spec.update(connection_argument_spec(vendor))
        kwargs.setdefault("supports_check_mode", True)
        for key, rules in (self.BATCH_RULES if kind in ("resource", "policy") else {}).items():
            kwargs[key] = list(kwargs.get(key) or []) + rules
        self.vendor = vendor
        # Embedded (run_modules runs several modules in one process), the arguments are this thread's.
        self.module = new_module(lambda: _ItemSecretsModule(self.resource_spec, argument_spec=spec, **kwargs))
        self.params = self.module.params
        # A secret can come back inside a vendor message encoded as it went on the wire.
        for value in list(self.module.no_log_values):
            self.module.no_log_values.update(encoded_forms(value))
        if not HAS_REQUESTS:
            self.module.fail_json(msg=missing_required_lib("requests"), exception=str(REQUESTS_IMPORT_ERROR))
        self.base_url = self._check_connection()
        settings, problems = role_settings(vendor, self.params.get("assume_role"))
        if problems:
            self.fail_json(msg="; ".join(problems))
        if settings:
            settings["region"] = self.params.get("region")
        # The temporary key of assume_role, asked for on the first call (None: the base key signs).
        self.role_session = RoleSession(vendor, settings) if settings else None
        self._transport = None
        # The Authorizations class of the items' authorizations option (an identity module's).
        self.authorization_class = None
        # The task's logged-in secret stores, by connection settings (secret_store option).
        self.secret_stores = {}
        # Listings every item of the task shares (Alibaba's traffic controls), read once, under the lock.
        self.shared_reads = {}
        self.shared_lock = threading.Lock()

    def __getattr__(self, name):
        return getattr(self.module, name)

    def _note_retry(self, line):
        self.retries.append(line)
        self.module.debug(line)

    def _with_retries(self, result):
        # Shown with -vvv: what was retried, and why, even when the task succeeded in the end.
        if self.retries and getattr(self.module, "_verbosity", 0) >= 3:
            result.setdefault("retries", list(self.retries))
        return result

    def exit_json(self, **result):
        self.module.exit_json(**self._with_retries(result))

    def fail_json(self, **result):
        self.module.fail_json(**self._with_retries(result))

    @property
    def check_mode(self):
        return self.module.check_mode

    @property
    def diff_mode(self):
        return self.module._diff

    def _check_connection(self):
        """Fail before any API call when credentials, region or endpoint cannot work."""
        for cred in self.vendor.credentials:
            value = self.params.get(cred.option)
            if cred.required and not value:
                self.fail_json(msg="%s: missing credential %s; set the option or one of the environment variables %s"
                               % (self.vendor.name, cred.option, ", ".join(cred.env)))
            # Credentials travel in HTTP headers or a signed query: anything else is a paste error.
            if value and not PRINTABLE_ASCII.match(value):
                self.fail_json(msg="%s: must contain only printable ASCII characters, no spaces (a %s credential; check for a stray character or line break)"
                               % (cred.option, self.vendor.name))
        if not self.params.get("region"):
            self.params["region"] = self.vendor.default_region
        region = self.params["region"]
        if region is not None and not REGION_ID.match(region):
            self.fail_json(msg="region: %r is not a region id such as %s (lower-case words joined by '-')"
                           % (region, self.vendor.default_region or "cn-north-4"))
        timeout = self.params["timeout"]
        if not (math.isfinite(timeout) and 0 < timeout <= MAX_TIMEOUT):
            self.fail_json(msg="timeout: must be a finite number of seconds above 0 and at most %d (got %s)"
                           % (MAX_TIMEOUT, timeout))
        ca_cert = self.params.get("ca_cert")
        if ca_cert and not os.path.isfile(ca_cert):
            self.fail_json(msg="ca_cert: %s is not a file; give the path of a PEM bundle of the CA certificates "
                           "that sign the endpoint's certificate" % ca_cert)
        # Empty means not set (AWX injects an unset credential field as an empty string): documented.
        endpoint = self.params.get("endpoint")
        if endpoint:
            try:
                return parse_endpoint(endpoint)
            except ValueError as exc:
                self.fail_json(msg="endpoint: %s" % exc)
        if region is None:
            self.fail_json(msg="region: %s has no default region; set region (or one of the environment variables %s) or endpoint"
                           % (self.vendor.name, ", ".join(self.vendor.region_env)))
        return self.vendor.endpoint_for(region)

    def signing_keys(self):
        """(key, secret, token) every request signs with: the task's temporary key under assume_role
        (one STS call for the whole task), else the credential options."""
        base = tuple(self.params.get(option) or None for option in self.vendor.sts.key_options)
        if self.role_session is None:
            return base
        found = self.role_session.temporary_key(self._sts_transport, base, self._hide)
        return found.key, found.secret, found.token

    def _sts_transport(self):
        # Its own limiter: the STS has its own rate, apart from the API the task calls.
        return Transport(
            self.vendor.name + " STS", timeout=self.params["timeout"], validate_certs=self.params["validate_certs"],
            rate_limit=self.vendor.sts.rate_limit, log=self._note_retry, ca_cert=self.params.get("ca_cert"))

    def _hide(self, secret):
        if secret:
            self.module.no_log_values.add(secret)
            self.module.no_log_values.update(encoded_forms(secret))

    @property
    def transport(self):
        if self.role_session is not None:
            # The STS call comes before the task's first call, and its refusal instead of it.
            self.signing_keys()
        if self._transport is None:
            self._transport = Transport(
                self.vendor.name, timeout=self.params["timeout"], validate_certs=self.params["validate_certs"],
                rate_limit=self.vendor.rate_limit, log=self._note_retry, ca_cert=self.params.get("ca_cert"))
        return self._transport

    @property
    def request_ids(self):
        found = list(self.role_session.request_ids) if self.role_session else []
        return found + (list(self._transport.request_ids) if self._transport else [])

    def fail_error(self, error, **result):
        """Fail the task with a vendor error: code, message, request id, category; no traceback."""
        result.setdefault("changed", False)
        self.fail_json(msg=str(error), error=error.to_dict(), request_ids=self.request_ids, **result)

    def fail_invalid(self, problems):
        """Fail with every input problem found, before any API call."""
        self.fail_json(msg="invalid input: " + "; ".join(problems), request_ids=[])

    def run(self, resource_class, authorizations=None):
        """Validate, reconcile and exit: the whole body of a vendor module's main().

        A task with ``items`` reconciles each entry; one without is a batch of its own options.
        ``authorizations``: the Authorizations class applying the items' ``authorizations`` option.
        """
        from ansible_collections.cloudapps.provision.plugins.module_utils._batch import Batch
        self.authorization_class = authorizations
        if self.params.get("items") is not None:
            summary = Batch(self, resource_class, self.params["items"]).run()
            if summary.pop("failed", False):
                self.fail_json(**summary)
            self.exit_json(**summary)
        result = Batch(self, resource_class).reconcile()[0]
        for warning in result.pop("warnings"):
            self.warn(warning)
        for key in ("index", "name", "state"):
            result.pop(key)
        if result["action"] == "error":
            self.fail_json(**result)
        failed = [row for dummy, row in failed_rows([result])]
        if failed:
            self.fail_json(msg="; ".join(row["msg"] for row in failed), error=failed[0]["error"], **result)
        self.exit_json(**result)

    def run_info(self, resource_class, authorizations=None):
        """List the resources that match the filters: the whole body of an info module's main().

        ``authorizations``: the Authorizations class whose grants ``list_authorizations`` adds.
        """
        from ansible_collections.cloudapps.provision.plugins.module_utils._listing import inventory
        self.authorization_class = authorizations
        resource = resource_class(self)
        problems = resource.info_problems()
        if problems:
            self.fail_invalid(problems)
        try:
            found = inventory(resource)
        except CloudError as error:
            self.fail_error(error, **{resource.kind + "s": []})
        self.exit_json(changed=False, request_ids=self.request_ids, **{resource.kind + "s": found})
