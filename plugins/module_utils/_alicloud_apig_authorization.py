# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""Authorization rules of a Cloud-native API Gateway consumer (APIG 2024-03-27) for routes or
operations in one environment: QueryConsumerAuthorizationRules, CreateConsumerAuthorizationRules,
DeleteConsumerAuthorizationRule."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.six.moves.urllib.parse import quote

from ansible_collections.cloudapps.provision.plugins.module_utils._alicloud import _KEY_CHARS
from ansible_collections.cloudapps.provision.plugins.module_utils._alicloud_apig import (
    VENDOR_NAME, ApigConsumer, consumer_path,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._authorization import SET_OPTIONS, Authorizations
from ansible_collections.cloudapps.provision.plugins.module_utils._times import parse_time
from ansible_collections.cloudapps.provision.plugins.module_utils._errors import NOT_FOUND, CloudError
from ansible_collections.cloudapps.provision.plugins.module_utils._paging import collect

RULES = "/v1/authorization-rules"
PAGE_SIZE = 100
MAX_PAGES = 100
RESOURCE_TYPES = ("HttpApiRoute", "HttpApiOperation")

# One scope's options: the authorization module's (besides the consumer and gateway_type) and a consumer
# item's authorizations entry.
SCOPE_SPEC = dict(
    environment_id=dict(type="str", required=True),
    resource_type=dict(type="str", default="HttpApiRoute", choices=list(RESOURCE_TYPES)),
    resource_ids=dict(type="list", elements="str"),
    parent_resource_id=dict(type="str"),
    **SET_OPTIONS
)


def entry_from_vendor(item):
    environment = item.get("environmentInfo") or {}
    return {
        "resource_id": item.get("resourceId"),
        "resource_type": item.get("resourceType"),
        "environment_id": environment.get("environmentId") if isinstance(environment, dict) else None,
        "rule_id": item.get("consumerAuthorizationRuleId"),
        "expire_mode": item.get("expireMode"),
        "expire_timestamp": item.get("expireTimestamp"),
    }


class ApigConsumerAuthorizations(Authorizations):
    # expireMode ShortTerm with expireTimestamp (ms); UpdateConsumerAuthorizationRule changes it in place.
    supports_expiry = True
    identity_title = "Alibaba Cloud APIG consumer"
    vendor_name = VENDOR_NAME
    list_action = "QueryConsumerAuthorizationRules"
    revoke_keys = ("rule_id",)
    identity_module = "alicloud_apig_consumer"
    name_option = "consumer"
    id_option = "consumer_id"
    ids_option = "resource_ids"
    id_key = "resource_id"
    grant_batch = 100   # rules per create call (the API pages give no limit; ours)
    revoke_batch = 1    # DeleteConsumerAuthorizationRule removes one rule

    def __init__(self, module):
        super(ApigConsumerAuthorizations, self).__init__(module)
        self.consumer = ApigConsumer(module, params={"gateway_type": module.params.get("gateway_type")})

    @property
    def client(self):
        return self.consumer.client

    def validate(self):
        problems = []
        for option in ("environment_id", "parent_resource_id"):
            value = self.params.get(option)
            if value is not None and not _KEY_CHARS.fullmatch(value):
                problems.append("%s: must be an id, printable ASCII without spaces" % option)
        for resource_id in self.params.get("resource_ids") or []:
            if resource_id and not _KEY_CHARS.fullmatch(resource_id):
                problems.append("resource_ids: %r is not a resource id (printable ASCII without spaces)" % resource_id)
        return problems

    def scope(self):
        return {"environment_id": self.params["environment_id"], "resource_type": self.params["resource_type"]}

    def identity_resource(self):
        return self.consumer

    def _listed(self, identity, scope):
        """The consumer's rules, filtered by the vendor to ``scope`` ({} for all)."""
        def fetch(page):
            query = {"consumerId": identity, "pageNumber": page.number, "pageSize": PAGE_SIZE}
            if scope:
                query.update(environmentId=scope["environment_id"], resourceType=scope["resource_type"])
            data = self.client.call("QueryConsumerAuthorizationRules", "GET", RULES, query=query)
            data = data if isinstance(data, dict) else {}
            return data.get("items"), data.get("totalSize")
        items = collect(fetch, PAGE_SIZE, MAX_PAGES, VENDOR_NAME, "QueryConsumerAuthorizationRules",
                        lambda: self.module.request_ids)
        return [entry_from_vendor(item) for item in items]

    def every_grant(self, identity):
        return self._listed(identity, {})

    def grant(self, identity, ids):
        scope = self.scope()
        rules = []
        for resource_id in ids:
            identifier = {"resourceId": resource_id, "environmentId": scope["environment_id"]}
            if self.params.get("parent_resource_id"):
                identifier["parentResourceId"] = self.params["parent_resource_id"]
            rules.append({"principalType": "Consumer", "consumerId": identity, "resourceType": scope["resource_type"],
                          "resourceIdentifier": identifier, **self._expiry_body()})
        # A retried create after a lost answer: the rule exists, and the gateway answers with it.
        self.client.call("CreateConsumerAuthorizationRules", "POST", RULES, body={"authorizationRules": rules},
                         mutating=True, idempotent=True)

    def revoke(self, identity, entries):
        for entry in entries:
            try:
                self.client.call("DeleteConsumerAuthorizationRule", "DELETE", "%s/authorization-rules/%s" % (
                    consumer_path(identity), quote(str(entry["rule_id"]), safe="")), mutating=True, idempotent=True)
            except CloudError as error:
                if error.category != NOT_FOUND:
                    raise

    def entry(self, item_id):
        body = self._expiry_body()
        return dict(resource_id=item_id, expire_mode=body["expireMode"], expire_timestamp=body.get("expireTimestamp"),
                    **self.scope())

    def _expiry_body(self):
        end = self.wanted_expiry()
        if end:
            return {"expireMode": "ShortTerm", "expireTimestamp": int(end.timestamp() * 1000)}
        return {"expireMode": "LongTerm"}

    def expiry_of(self, entry):
        if entry.get("expire_mode") != "ShortTerm" or entry.get("expire_timestamp") in (None, ""):
            return None
        return parse_time(entry["expire_timestamp"])

    def current(self, identity):
        # The filters are the vendor's; the scope is checked again here.
        entries = [entry for entry in self._listed(identity, self.scope()) if self.in_scope(entry)]
        # renew() changes rules in place: it needs their ids.
        self._rule_ids = dict((entry["resource_id"], entry["rule_id"]) for entry in entries)
        return entries

    def renew(self, identity, ids):
        for resource_id in ids:
            self.client.call("UpdateConsumerAuthorizationRule", "PUT", "%s/authorization-rules/%s" % (
                consumer_path(identity), quote(str(self._rule_ids[resource_id]), safe="")), body=self._expiry_body(),
                mutating=True, idempotent=True)
