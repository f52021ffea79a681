#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: tencentcloud_apigateway_api_key_info
short_description: List Tencent Cloud API Gateway API keys
version_added: 0.2.0
deprecated:
  removed_in: 1.0.0
  why: >-
    Tencent Cloud API Gateway stopped selling in 2024 and is being switched off in batches from
    2026-10-30, console and APIs together (Tencent announcement 2475, product doc 628/60529).
  alternative: >-
    None in this collection. Use it to take stock of your keys before your account's shutdown batch goes.
description:
  - B(Tencent Cloud API Gateway is being switched off in batches since 2026-10-30), console and APIs
    together. This module lists what an account still has, for instance before moving its callers.
  - Lists the API keys of the account, or those the filters select, with C(DescribeApiKeysStatus) at its
    largest page size, 100.
  - O(name) is sent as the C(SecretName) filter, O(name_prefix) as the fuzzy C(KeyWord) filter, O(enabled)
    as the C(Status) filter and O(id) as the C(AccessKeyId) filter; every one is then checked exactly.
  - The result has the field names of M(cloudapps.provision.tencentcloud_apigateway_api_key). The listing
    carries the secret, so O(return_secrets=true) costs no extra call.
author:
  - cloudapps.provision contributors (@cloudapps)
options:
  enabled:
    description:
      - V(true) lists only enabled keys (C(Status) 1), V(false) only disabled keys (C(Status) 0).
      - When not set, keys of both states are listed.
    type: bool
extends_documentation_fragment:
  - cloudapps.provision.info
  - cloudapps.provision.connection
  - cloudapps.provision.credentials.tencentcloud
  - cloudapps.provision.action_group.tencentcloud
"""

EXAMPLES = r"""
- name: List every API key (credentials from TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY)
  cloudapps.provision.tencentcloud_apigateway_api_key_info:
    region: ap-guangzhou
  register: keys

- name: Show the AccessKeyIds of the disabled keys
  ansible.builtin.debug:
    msg: "{{ keys.api_keys | rejectattr('enabled') | map(attribute='access_key_id') | list }}"

- name: List the enabled keys whose names start with partner_
  cloudapps.provision.tencentcloud_apigateway_api_key_info:
    name_prefix: partner_
    enabled: true
    region: ap-guangzhou
"""

RETURN = r"""
api_keys:
  description:
    - The API keys that match every filter, sorted by name, then AccessKeyId. Empty when none matches.
    - Each has the keys of RV(cloudapps.provision.tencentcloud_apigateway_api_key#module:api_key).
  returned: always
  type: list
  elements: dict
  contains:
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
    access_key_id:
      description: The AccessKeyId, the key's vendor id. Not a secret.
      type: str
      returned: always
      sample: AKIDexample0123456789
    access_key_secret:
      description: The AccessKeySecret. Sensitive.
      type: str
      returned: only with O(return_secrets=true)
      sample: examplesecret0123456789
    access_key_type:
      description: V(auto) or V(manual).
      type: str
      returned: always
      sample: auto
    secret_name:
      description: The key's name.
      type: str
      returned: always
      sample: demo_key
    status:
      description: C(1) enabled, C(0) disabled.
      type: int
      returned: always
      sample: 1
    enabled:
      description: Whether the key is enabled.
      type: bool
      returned: always
      sample: true
    created_time:
      description: Creation time, ISO 8601 UTC.
      type: str
      returned: always
      sample: "2026-01-02T03:04:05Z"
    modified_time:
      description: Last modification time, ISO 8601 UTC.
      type: str
      returned: always
      sample: "2026-01-02T03:04:05Z"
    tags:
      description: Tags of the key, as a list of C(key) / C(value) pairs.
      type: list
      elements: dict
      returned: when the API returns them
      sample: []
request_ids:
  description: Vendor request ids of the calls made, for support tickets.
  returned: always
  type: list
  elements: str
  sample: [6f1c2e9f-1b7a-4d0e-9c3b-8a7d6e5f4c3b]
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

from ansible_collections.cloudapps.provision.plugins.module_utils._module import CloudAppsModule
from ansible_collections.cloudapps.provision.plugins.module_utils._tencentcloud import VENDOR, TencentApiKey


def main():
    CloudAppsModule(VENDOR, argument_spec=dict(enabled=dict(type="bool")), kind="info").run_info(TencentApiKey)


if __name__ == "__main__":
    main()
