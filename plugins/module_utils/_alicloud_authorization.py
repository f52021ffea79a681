# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""Authorizations of an Alibaba Cloud API Gateway app (CloudAPI 2016-07-14) to APIs of a group,
in one stage: DescribeAuthorizedApis, SetApisAuthorities, RemoveApisAuthorities."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.cloudapps.provision.plugins.module_utils._alicloud import (
    VENDOR_NAME, AlicloudApp, Client, _KEY_CHARS,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._authorization import (
    SET_OPTIONS, Authorizations, expiry_text,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._times import parse_time
from ansible_collections.cloudapps.provision.plugins.module_utils._paging import collect

PAGE_SIZE = 100   # DescribeAuthorizedApis maximum
MAX_PAGES = 100
# The SDK's docs name RELEASE and TEST; the API page and ROS also PRE (pre-release).
STAGES = ("RELEASE", "PRE", "TEST")
IDS_PER_CALL = 100  # ApiIds: at most 100, comma-separated

# One scope's options: the authorization module's (besides the app) and an app item's authorizations entry.
SCOPE_SPEC = dict(
    group_id=dict(type="str", required=True),
    stage_name=dict(type="str", default="RELEASE", choices=list(STAGES)),
    api_ids=dict(type="list", elements="str"),
    description=dict(type="str"),
    **SET_OPTIONS
)


def entry_from_vendor(row):
    return {
        "api_id": row.get("ApiId"),
        "api_name": row.get("ApiName"),
        "group_id": row.get("GroupId"),
        "group_name": row.get("GroupName"),
        "stage_name": row.get("StageName"),
        "description": row.get("Description") or "",
        "authorized_time": row.get("AuthorizedTime"),
        # sic: the API spells it AuthVaildTime
        "auth_valid_time": row.get("AuthVaildTime") or row.get("AuthValidTime"),
    }


class AlicloudAppAuthorizations(Authorizations):
    identity_title = "Alibaba Cloud API Gateway app"
    vendor_name = VENDOR_NAME
    list_action = "DescribeAuthorizedApis"
    identity_module = "alicloud_apigateway_app"
    grant_batch = IDS_PER_CALL
    revoke_batch = IDS_PER_CALL
    # SetApisAuthorities' AuthValidTime (UTC); authorizing again sets a new one.
    supports_expiry = True

    def __init__(self, module):
        super(AlicloudAppAuthorizations, self).__init__(module)
        self.client = Client(module)

    def identity_problems(self):
        params = self.params
        problems = []
        app_id = params.get("app_id")
        if app_id is not None and not re.match(r"^[0-9]+\Z", app_id):
            problems.append("app_id: must be the numeric AppId of the app (got %r)" % app_id)
        return problems + super(AlicloudAppAuthorizations, self).identity_problems()

    def validate(self):
        params = self.params
        problems = []
        if not params.get("group_id") or not _KEY_CHARS.fullmatch(params["group_id"]):
            problems.append("group_id: must be the id of an API group, printable ASCII without spaces")
        for api_id in params.get("api_ids") or []:
            # ApiIds travel comma-separated: a comma would split one id into two.
            if api_id and ("," in api_id or not _KEY_CHARS.fullmatch(api_id)):
                problems.append("api_ids: %r is not an API id (printable ASCII without spaces or commas)" % api_id)
        return problems

    def scope(self):
        return {"group_id": self.params["group_id"], "stage_name": self.params["stage_name"]}

    def identity_resource(self):
        return AlicloudApp(self.module, params={})

    def every_grant(self, identity):
        # DescribeAuthorizedApis has no group or stage filter: every page, scoped by current().
        def fetch(page):
            data = self.client.call("DescribeAuthorizedApis", {"AppId": identity, "PageSize": PAGE_SIZE,
                                                               "PageNumber": page.number})
            apis = data.get("AuthorizedApis") if isinstance(data, dict) else None
            return (apis.get("AuthorizedApi") if isinstance(apis, dict) else None), (data or {}).get("TotalCount")
        rows = collect(fetch, PAGE_SIZE, MAX_PAGES, VENDOR_NAME, "DescribeAuthorizedApis", lambda: self.module.request_ids)
        return [entry_from_vendor(row) for row in rows]

    def _call(self, action, app_id, api_ids, **extra):
        params = {"GroupId": self.params["group_id"], "AppId": app_id, "StageName": self.params["stage_name"],
                  "ApiIds": ",".join(api_ids)}
        params.update(extra)
        # Authorizing or removing twice is harmless: a lost answer is retried like a read.
        self.client.call(action, params, mutating=True, idempotent=True)

    def grant(self, identity, ids):
        end = self.wanted_expiry()
        # NO_END ("") grants without an end: AuthValidTime left out.
        self._call("SetApisAuthorities", identity, ids, Description=self.params.get("description"),
                   AuthValidTime=expiry_text(end) or None if end is not None else None)

    def expiry_of(self, entry):
        return parse_time(entry.get("auth_valid_time"))

    def revoke(self, identity, entries):
        self._call("RemoveApisAuthorities", identity, [entry["api_id"] for entry in entries])

    def entry(self, item_id):
        end = self.wanted_expiry()
        return dict(api_id=item_id, description=self.params.get("description") or "",
                    auth_valid_time=expiry_text(end) or None if end else None, **self.scope())
