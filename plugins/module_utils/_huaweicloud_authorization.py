# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""Authorizations of a Huawei Cloud APIG app to APIs in one environment of a dedicated gateway:
GET .../app-auths/binded-apis, POST .../app-auths, DELETE .../app-auths/{app_auth_id}."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.six.moves.urllib.parse import quote

from ansible_collections.cloudapps.provision.plugins.module_utils._authorization import SET_OPTIONS, Authorizations, PartialFailure
from ansible_collections.cloudapps.provision.plugins.module_utils._errors import (
    NOT_FOUND, CloudError, malformed_answer,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._huaweicloud import (
    VENDOR_NAME, HuaweiApigApp, scope_problems,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._paging import collect

PAGE_SIZE = 500   # binded-apis: larger limits are cut to 500
MAX_PAGES = 10
# Huawei console guide: an app can be authorized for at most 1000 APIs.
MAX_APIS = 1000
RELEASE_ENV = "DEFAULT_ENVIRONMENT_RELEASE_ID"
# auth_result.status of POST app-auths; SKIPPED means already authorized.
APPLIED = ("SUCCESS", "SKIPPED")

# One scope's options: the authorization module's (besides the gateway and the app) and an app item's
# authorizations entry.
SCOPE_SPEC = dict(
    env_id=dict(type="str", required=True),
    api_ids=dict(type="list", elements="str"),
    **SET_OPTIONS
)
# An app item's authorizations entry: the release environment unless another is named.
ENTRY_SPEC = dict(SCOPE_SPEC, env_id=dict(type="str", default=RELEASE_ENV))


def entry_from_vendor(row):
    return {
        "api_id": row.get("api_id"),
        "api_name": row.get("api_name"),
        "group_id": row.get("group_id"),
        "group_name": row.get("group_name"),
        "env_id": row.get("env_id"),
        "env_name": row.get("env_name"),
        "auth_id": row.get("id"),
        "auth_time": row.get("auth_time"),
    }


class HuaweiAppAuthorizations(Authorizations):
    no_expiry_reason = ("Huawei APIG app authorizations (app-auths) have no end date; remove them with state=absent "
                        "when they should end")
    identity_title = "Huawei Cloud APIG app"
    vendor_name = VENDOR_NAME
    list_action = "ListApisBindedToApp"
    revoke_keys = ("auth_id",)
    identity_module = "huaweicloud_apig_app"
    grant_batch = MAX_APIS
    revoke_batch = 1    # the vendor deletes one authorization per call
    max_ids = MAX_APIS

    def __init__(self, module):
        super(HuaweiAppAuthorizations, self).__init__(module)
        # The app lookup of the app module, on the same dedicated gateway.
        self.app = HuaweiApigApp(module, params={"instance_id": module.params.get("instance_id")})

    @property
    def client(self):
        return self.app.client

    def identity_problems(self):
        params = self.params
        problems = scope_problems(dict(params, shared_gateway=False))
        return problems + super(HuaweiAppAuthorizations, self).identity_problems()

    def validate(self):
        params = self.params
        problems = []
        if params.get("shared_gateway"):
            # The shared gateway (v1.0) authorizes apps through other calls, not managed here.
            problems.append("authorizations: only on a dedicated gateway (instance_id), not with shared_gateway=true")
        if not (params.get("env_id") or "").strip():
            problems.append("env_id: must be an environment id (the release environment is %s)" % RELEASE_ENV)
        return problems

    def scope(self):
        return {"instance_id": self.params["instance_id"], "env_id": self.params["env_id"]}

    def _auths_path(self, tail=""):
        base = self.client.apps_path[:-len("/apps")] + "/app-auths"
        return base + tail

    def identity_resource(self):
        return self.app

    def where(self):
        return " on gateway %s" % self.params["instance_id"]

    def current(self, identity):
        # The env_id filter is the vendor's; the scope is checked again here.
        return [entry for entry in self._listed(identity, self.params["env_id"]) if entry["env_id"] == self.params["env_id"]]

    def every_grant(self, identity):
        return self._listed(identity, None)

    def _listed(self, identity, env_id):
        def fetch(page):
            query = sorted([("app_id", identity), ("limit", PAGE_SIZE), ("offset", page.offset)]
                           + ([("env_id", env_id)] if env_id else []))
            data = self.client.call("ListApisBindedToApp", "GET", self._auths_path("/binded-apis"), query=query)
            data = data if isinstance(data, dict) else {}
            return data.get("auths"), data.get("total")
        rows = collect(fetch, PAGE_SIZE, MAX_PAGES, VENDOR_NAME, "ListApisBindedToApp", lambda: self.module.request_ids)
        return [entry_from_vendor(row) for row in rows]

    def grant(self, identity, ids):
        # Authorizing twice answers SKIPPED: a lost answer is retried safely.
        data = self.client.call("CreateAuthorizingApps", "POST", self._auths_path(),
                                body={"env_id": self.params["env_id"], "app_ids": [identity], "api_ids": list(ids)},
                                mutating=True, idempotent=True)
        relations = data.get("auths") if isinstance(data, dict) else None
        if not isinstance(relations, list):
            raise malformed_answer(VENDOR_NAME, "CreateAuthorizingApps", (self.module.request_ids or [None])[-1],
                                   "the answer has no auths list with each API's result")
        results = dict((r.get("api_id"), r.get("auth_result") or {}) for r in relations if isinstance(r, dict))
        applied = [api_id for api_id in ids if results.get(api_id, {}).get("status") in APPLIED]
        failed = dict((api_id, "%s %s" % (results.get(api_id, {}).get("error_code") or "no result",
                                          results.get(api_id, {}).get("error_msg") or ""))
                      for api_id in ids if api_id not in applied)
        if failed:
            # HTTP 201 although some pairs failed: never a silent partial success.
            first = sorted(failed)[0]
            raise PartialFailure("%d of %d APIs were not authorized in environment %s"
                                 % (len(failed), len(ids), self.params["env_id"]), applied, failed,
                                 code=failed[first].split(" ", 1)[0], vendor=VENDOR_NAME,
                                 request_id=(self.module.request_ids or [None])[-1], category="invalid_parameter")

    def revoke(self, identity, entries):
        for entry in entries:
            try:
                self.client.call("CancelingAuthorization", "DELETE",
                                 self._auths_path("/" + quote(str(entry["auth_id"]), safe="")), mutating=True,
                                 idempotent=True)
            except CloudError as error:
                # Gone already (a retried delete whose first answer was lost): the end state is right.
                if error.category != NOT_FOUND:
                    raise

    def entry(self, item_id):
        return dict(api_id=item_id, **self.scope())
