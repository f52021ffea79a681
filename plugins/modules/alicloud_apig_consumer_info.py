#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: alicloud_apig_consumer_info
short_description: List consumers of the Alibaba Cloud-native API Gateway
version_added: 0.2.0
description:
  - Lists the consumers of the Alibaba Cloud-native API Gateway (APIG, API version 2024-03-27) of one
    O(gateway_type), or those the filters select, with C(ListConsumers) at a page size of 100.
  - O(name) and O(name_prefix) are sent as the fuzzy C(nameLike) filter and then compared exactly; O(id) is
    read with C(GetConsumer).
  - The result has the field names of M(cloudapps.provision.alicloud_apig_consumer). The listing has no
    credentials, so O(return_secrets=true) reads each consumer with C(GetConsumer) (16 at a time), and only then.
author:
  - cloudapps.provision contributors (@cloudapps)
options:
  gateway_type:
    description: List the consumers of the Cloud-native API Gateway (V(API)) or of the AI gateway (V(AI)).
    type: str
    choices: [API, AI]
    default: API
extends_documentation_fragment:
  - cloudapps.provision.info
  - cloudapps.provision.connection
  - cloudapps.provision.credentials.alicloud_apig
  - cloudapps.provision.credentials.alicloud
  - cloudapps.provision.action_group.alicloud
"""

EXAMPLES = r"""
- name: List every consumer (credentials from ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET)
  cloudapps.provision.alicloud_apig_consumer_info:
    region: cn-hangzhou
  register: consumers

- name: Show the names of the disabled consumers
  ansible.builtin.debug:
    msg: "{{ consumers.consumers | rejectattr('enabled') | map(attribute='name') | list }}"

- name: The consumers of partners, with their credentials
  cloudapps.provision.alicloud_apig_consumer_info:
    name_prefix: partner
    return_secrets: true
    region: cn-hangzhou
  no_log: true
  register: partners
"""

RETURN = r"""
consumers:
  description:
    - The consumers that match every filter, sorted by name, then id. Empty when none matches.
    - Each has the keys of RV(cloudapps.provision.alicloud_apig_consumer#module:consumer).
  returned: always
  type: list
  elements: dict
  contains:
    authorizations:
      description:
        - Every authorization of the consumer, as RV(cloudapps.provision.alicloud_apig_consumer_authorization#module:authorized) lists
          them, with C(expires_at) (V("") for no end) and C(expired).
      type: list
      elements: dict
      returned: with O(list_authorizations=true)
    credentials:
      description:
        - Each credential, with O(list_credentials) or O(older_than_days); its secret fields (vendor names)
          only with O(return_secrets=true).
      type: list
      elements: dict
      returned: with O(list_credentials=true) or O(older_than_days)
      contains:
        handle:
          description: Identifies the credential without revealing secret material (a public id, or a fingerprint).
          type: str
          sample: "sha256:3f9a0c1d2e4b5a69"
        created:
          description: When the vendor says the credential was made or last changed; null when it does not say.
          type: str
          sample: "2026-09-01T08:00:00Z"
        age_days:
          description: Whole days since C(created); null when unknown.
          type: int
          sample: 97
    consumer_id:
      description: Vendor id of the consumer.
      type: str
      returned: always
      sample: cs-cvnjramm1hks1r3fmmug
    name:
      description: Name of the consumer.
      type: str
      returned: always
      sample: partner-billing
    description:
      description: Description.
      type: str
      returned: always
      sample: Billing partner
    enabled:
      description: Whether the consumer is enabled.
      type: bool
      returned: always
      sample: true
    gateway_type:
      description: V(API) or V(AI).
      type: str
      returned: always
      sample: API
    create_timestamp:
      description: Creation time, milliseconds since the epoch.
      type: int
      returned: always
      sample: 1721097861050
    update_timestamp:
      description: Time of the last change, milliseconds since the epoch.
      type: int
      returned: always
      sample: 1721123855214
    deploy_status:
      description: The gateway's deploy status.
      type: str
      returned: always
      sample: Deployed
    api_key:
      description: The API key configuration, with the key values.
      type: dict
      returned: only with O(return_secrets=true) or O(id)
      sample: {"source": "header", "field": "X-API-Key", "keys": [{"generated": true, "value": "..."}]}
    ak_sk:
      description: The AK/SK pairs, with the SecretKeys.
      type: list
      elements: dict
      returned: only with O(return_secrets=true) or O(id)
      sample: [{"access_key": "204128731", "generated": false, "secret_key": "..."}]
request_ids:
  description: Vendor request ids of the calls made, for support tickets.
  returned: always
  type: list
  elements: str
  sample: [479AE38F-A574-52F7-87EA-E91199999F9E]
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

from ansible_collections.cloudapps.provision.plugins.module_utils._alicloud_apig import SCOPE_OPTIONS, VENDOR, ApigConsumer
from ansible_collections.cloudapps.provision.plugins.module_utils._alicloud_apig_authorization import ApigConsumerAuthorizations
from ansible_collections.cloudapps.provision.plugins.module_utils._module import CloudAppsModule


def main():
    CloudAppsModule(VENDOR, argument_spec=SCOPE_OPTIONS, kind="info").run_info(ApigConsumer, authorizations=ApigConsumerAuthorizations)


if __name__ == "__main__":
    main()
