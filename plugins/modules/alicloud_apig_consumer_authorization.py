#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: alicloud_apig_consumer_authorization
short_description: Authorize a consumer of the Alibaba Cloud-native API Gateway to call routes or operations
version_added: 0.2.0
description:
  - Makes the routes (or operations) a consumer of the Cloud-native API Gateway (APIG, API version 2024-03-27)
    is authorized to call in one environment what you list, with consumer authorization rules. A consumer calls
    nothing without one.
  - The consumer's rules are read with C(QueryConsumerAuthorizationRules) (C(consumerId), C(environmentId) and
    C(resourceType), 100 per page), once per run. Missing resources get rules from one
    C(CreateConsumerAuthorizationRules) call (C(principalType=Consumer), C(expireMode=LongTerm)); extra ones are
    removed with C(DeleteConsumerAuthorizationRule), one call per rule.
  - A route must be deployed in the environment to be authorized (the vendor's precondition); otherwise the
    vendor refuses the call and the task fails with its code and request id.
author:
  - cloudapps.provision contributors (@cloudapps)
options:
  consumer:
    description:
      - Name of the consumer, found as M(cloudapps.provision.alicloud_apig_consumer) finds it. Exactly one of
        O(consumer) and O(consumer_id).
    type: str
  consumer_id:
    description: Id of the consumer (C(cs-...)). Exactly one of O(consumer) and O(consumer_id).
    type: str
  gateway_type:
    description: The gateway type of the consumer, as in M(cloudapps.provision.alicloud_apig_consumer).
    type: str
    choices: [API, AI]
    default: API
  environment_id:
    description: Id of the environment (C(env-...)) the rules are for.
    type: str
    required: true
  resource_type:
    description: What the rules authorize, V(HttpApiRoute) (routes, C(hr-...) ids) or V(HttpApiOperation).
    type: str
    choices: [HttpApiRoute, HttpApiOperation]
    default: HttpApiRoute
  resource_ids:
    description:
      - Ids of the routes or operations. Required with O(state=present).
      - With O(state=absent), the ones to remove; when not set, every rule of the consumer in that environment and
        resource type.
    type: list
    elements: str
  parent_resource_id:
    description: Id of the HTTP API the resources belong to (C(parentResourceId)), sent with new rules when set.
    type: str
  expires_at:
    description:
      - When the rules of C(resource_ids) end - ISO 8601, UTC unless an offset is given, such as
        V(2027-06-30T00:00:00Z) - sent as C(expireMode) C(ShortTerm) with C(expireTimestamp). A kept rule
        with another end is changed in place with C(UpdateConsumerAuthorizationRule) (RV(ignore:renewed));
        V("") makes the rules C(LongTerm). Unset leaves the ends as they are.
      - Each entry of RV(ignore:authorized) says its C(expires_at) and whether it has C(expired).
    type: str
  purge:
    description:
      - With V(true), the consumer's rules in the environment and resource type become exactly O(resource_ids).
      - With V(false), rules for O(resource_ids) are added and others are kept.
    type: bool
    default: false
  state:
    description: V(present) authorizes O(resource_ids); V(absent) removes rules.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - cloudapps.provision.connection
  - cloudapps.provision.credentials.alicloud_apig
  - cloudapps.provision.credentials.alicloud
  - cloudapps.provision.attributes
  - cloudapps.provision.action_group.alicloud
notes:
  - A consumer that does not exist fails the task before any write, naming it (in check mode its rules are
    planned as new, with a warning). An unknown environment or resource fails with the vendor's code.
  - A lost answer to a write is retried; the gateway answers a repeated rule with the existing one, and a removal
    already done counts as done.
  - Consumer groups (C(principalType=ConsumerGroup)) and short-term rules are not managed by this module.
"""

EXAMPLES = r"""
- name: Let a consumer call two routes in an environment
  cloudapps.provision.alicloud_apig_consumer_authorization:
    consumer: partner-billing
    environment_id: env-cti17hem1hktoruj98ug
    resource_ids:
      - hr-cloudapps000000000001
      - hr-cloudapps000000000002
    region: cn-hangzhou

- name: Exactly one route (others are removed)
  cloudapps.provision.alicloud_apig_consumer_authorization:
    consumer: partner-billing
    environment_id: env-cti17hem1hktoruj98ug
    resource_ids: [hr-cloudapps000000000001]
    purge: true
    region: cn-hangzhou

- name: Remove every rule of the consumer in that environment
  cloudapps.provision.alicloud_apig_consumer_authorization:
    consumer: partner-billing
    environment_id: env-cti17hem1hktoruj98ug
    state: absent
    region: cn-hangzhou
"""

RETURN = r"""
action:
  description: V(add), V(remove), V(update) (both) or V(unchanged).
  returned: success
  type: str
  sample: add
authorized:
  description: The consumer's rules in the environment and resource type after the run (in check mode, as they would be).
  returned: always
  type: list
  elements: dict
  contains:
    expires_at:
      description: When it ends (ISO 8601 UTC); empty when it does not.
      type: str
      returned: always
    expired:
      description: Whether its end has passed.
      type: bool
      returned: always
    resource_id:
      description: Id of the route or operation.
      type: str
      returned: always
    resource_type:
      description: V(HttpApiRoute) or V(HttpApiOperation).
      type: str
      returned: always
    environment_id:
      description: The environment.
      type: str
      returned: always
    rule_id:
      description: Id of the consumer authorization rule.
      type: str
      returned: when it was listed
    expire_mode:
      description: V(LongTerm) or V(ShortTerm).
      type: str
      returned: when it was listed
renewed:
  description: Ids kept whose end (O(expires_at)) was changed by granting them again.
  returned: when an end changed
  type: list
  elements: str
  sample: []
added:
  description: Resource ids authorized by this run (in check mode, that would be).
  returned: always
  type: list
  elements: str
removed:
  description: Resource ids whose rule this run removed (in check mode, would remove).
  returned: always
  type: list
  elements: str
not_added:
  description: When a write failed, the resource ids that were to be added and were not.
  returned: on a failed write
  type: list
  elements: str
not_removed:
  description: When a write failed, the resource ids that were to be removed and were not.
  returned: on a failed write
  type: list
  elements: str
request_ids:
  description: Vendor request ids of the calls made, for support tickets.
  returned: always
  type: list
  elements: str
error:
  description:
    - The vendor error that failed the task (for a task with C(items), the error of a failed item is in
      that item's entry of C(item_results) instead). Use C(error.category) in C(rescue) or C(until).
  returned: when the task failed on a vendor call
  type: dict
  contains:
    category:
      description:
        - One of V(throttled) (the vendor asked to slow down; already retried), V(auth) (credentials or
          permissions), V(signature) (signature or clock rejected), V(invalid_parameter) (a value the vendor
          refused), V(quota) (an account quota is used up), V(conflict) (exists already, or a state that does
          not allow it), V(not_found), V(server) (a vendor fault, or an answer not in the documented shape;
          reads already retried), V(network) (no answer, from the connection, TLS or a timeout; reads already retried).
      type: str
      sample: conflict
    code:
      description: The vendor's error code; none for a network error.
      type: str
      sample: InvalidParameter
    message:
      description: The vendor's message, secrets masked.
      type: str
    http_status:
      description: The HTTP status of the answer; none for a network error.
      type: int
      sample: 400
    request_id:
      description: The vendor's request id of the failed call, for support tickets.
      type: str
    vendor:
      description: The vendor's name.
      type: str
      sample: Alibaba Cloud
retries:
  description:
    - Each retry of a call (throttled, vendor fault, network error) with its reason and pause, in order.
  returned: with C(-vvv), when a call was retried
  type: list
  elements: str
  sample: ["Volcengine ListApps attempt 1 of 5 failed (throttled: AccountFlowLimitExceeded); retrying in 0.42s"]
"""

from ansible_collections.cloudapps.provision.plugins.module_utils import _authorization
from ansible_collections.cloudapps.provision.plugins.module_utils._alicloud_apig import SCOPE_OPTIONS, VENDOR
from ansible_collections.cloudapps.provision.plugins.module_utils._alicloud_apig_authorization import (
    SCOPE_SPEC, ApigConsumerAuthorizations,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._module import CloudAppsModule


def main():
    module = CloudAppsModule(
        VENDOR,
        kind="plain",
        argument_spec=dict(SCOPE_OPTIONS, consumer=dict(type="str"), consumer_id=dict(type="str"), **SCOPE_SPEC),
        required_one_of=[("consumer", "consumer_id")],
        mutually_exclusive=[("consumer", "consumer_id")],
    )
    _authorization.run(module, ApigConsumerAuthorizations(module))


if __name__ == "__main__":
    main()
