# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""Huawei APIG app quotas (dedicated gateways): the policy, and which one an app is bound to."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.cloudapps.provision.plugins.module_utils._errors import NOT_FOUND, CloudError
from ansible_collections.cloudapps.provision.plugins.module_utils._huaweicloud import (
    _NOT_THE_QUOTA, GATEWAY_OPTIONS, VENDOR, HuaweiClient, list_quotas, quota_path, quotas_path, scope_problems,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._module import CloudAppsModule
from ansible_collections.cloudapps.provision.plugins.module_utils._reconcile import Field, Resource

TIME_UNITS = ("SECOND", "MINUTE", "HOUR", "DAY")
# The SDK model: letters, digits, underscore and Chinese characters, starting with a letter or a
# Chinese character; the length (3-255) is the console's (not confirmed).
NAME_RE = re.compile(u"[A-Za-z\u4e00-\u9fa5][A-Za-z0-9_\u4e00-\u9fa5]{2,254}")
REMARK_MAX = 255


class HuaweiAppQuota(Resource):
    kind = "quota"
    title = "Huawei Cloud APIG app quota"
    id_key = "app_quota_id"
    FIELDS = (
        Field("name", "name", "name"),
        Field("call_limits", wire="call_limits"),
        Field("time_unit", wire="time_unit"),
        Field("time_interval", wire="time_interval"),
        Field("reset_time", wire="reset_time"),
        Field("remark", "description", "remark"),
    )
    list_scope = ("instance_id",)

    def __init__(self, module, params=None):
        super(HuaweiAppQuota, self).__init__(module, params)
        self._client = None

    @property
    def client(self):
        if self._client is None:
            self._client = HuaweiClient(self.module)
        return self._client

    def scope_problems(self):
        problems = scope_problems(self.params)
        if self.params.get("shared_gateway"):
            problems.append("shared_gateway: app quotas exist on dedicated gateways only (instance_id)")
        return problems

    def validate(self):
        params = self.params
        problems = self.scope_problems()
        name = params.get("name")
        if name is not None and not NAME_RE.fullmatch(name):
            problems.append("name: must be 3 to 255 letters, digits, underscores or Chinese characters, starting with "
                            "a letter or a Chinese character (got %r)" % name)
        for option in ("call_limits", "time_interval"):
            if params.get(option) is not None and params[option] < 1:
                problems.append("%s: must be at least 1 (got %d)" % (option, params[option]))
        if params.get("description") is not None and len(params["description"]) > REMARK_MAX:
            problems.append("description: must be at most %d characters (got %d)"
                            % (REMARK_MAX, len(params["description"])))
        return problems

    def create_problem(self):
        missing = [option for option in ("call_limits", "time_unit", "time_interval") if self.params.get(option) is None]
        if missing:
            return ("%s: required to create the quota %r (the gateway needs the limit, its unit and interval)"
                    % (", ".join(missing), self.params["name"]))
        return None

    def is_missing(self, error):
        return error.category == NOT_FOUND and error.code not in _NOT_THE_QUOTA

    def list_all(self, **filters):
        name = filters.get("name")
        rows = list_quotas(self.client, self.module, name if name is not None else filters.get("name_prefix"))
        return [dict(row) for row in rows if isinstance(row, dict) and (name is None or row.get("name") == name)]

    def find_by_id(self, resource_id):
        try:
            row = self.client.call("ShowAppQuota", "GET", quota_path(self.client, resource_id))
        except CloudError as error:
            if self.is_missing(error):
                return []
            raise
        return [dict(row)] if isinstance(row, dict) and row.get(self.id_key) else []

    def create(self, desired):
        answer = self.client.call("CreateAppQuota", "POST", quotas_path(self.client), body=self.to_wire(desired),
                                  mutating=True)
        return dict(answer) if isinstance(answer, dict) else {}

    def update(self, current, changes):
        # PUT replaces the quota: every field is sent.
        merged = dict(current, **changes)
        answer = self.client.call("UpdateAppQuota", "PUT", quota_path(self.client, current[self.id_key]),
                                  body=self.to_wire(dict((k, merged.get(k)) for k in (
                                      "name", "call_limits", "time_unit", "time_interval", "reset_time", "remark")
                                      if merged.get(k) not in (None, ""))), mutating=True)
        return dict(merged, **(answer if isinstance(answer, dict) else {}))

    def delete(self, current):
        return self.delete_with(current, lambda: self.client.call(
            "DeleteAppQuota", "DELETE", quota_path(self.client, current[self.id_key]), mutating=True))


def run_apig_app_quota():
    """The whole of the module huaweicloud_apig_app_quota (also run in one process with others by run_modules)."""
    module = CloudAppsModule(
        VENDOR,
        argument_spec=dict(
            GATEWAY_OPTIONS,
            call_limits=dict(type="int"),
            time_unit=dict(type="str", choices=list(TIME_UNITS)),
            time_interval=dict(type="int"),
            reset_time=dict(type="str"),
            description=dict(type="str", aliases=["remark"]),
        ),
        kind="policy",
    )
    module.run(HuaweiAppQuota)
