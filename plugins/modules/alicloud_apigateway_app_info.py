#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: alicloud_apigateway_app_info
short_description: List Alibaba Cloud API Gateway apps
version_added: 0.2.0
description:
  - Lists the apps of Alibaba Cloud API Gateway (CloudAPI, API version 2016-07-14), or those the filters
    select, with C(DescribeAppAttributes) at its largest page size, 100.
  - B(The traditional API Gateway is discontinued on 2027-09-21.) Its successor is the Cloud-native API
    Gateway, where the calling identity is a I(consumer). This module gives the list of apps to move.
  - O(name) is sent as C(AppName) and O(tags) as C(Tag.N); both are checked exactly again, as the server
    may match loosely. O(name_prefix) is applied by the module only (the server's C(AppName) match is not
    documented as a prefix match). O(id) is sent as C(AppId).
  - The result has the field names of M(cloudapps.provision.alicloud_apigateway_app). The listing has no
    keys, so O(return_secrets=true) reads the AppKey, AppSecret and AppCode of each app listed with
    C(DescribeAppSecurity), one call per app.
author:
  - cloudapps.provision contributors (@cloudapps)
options:
  tags:
    description:
      - Only apps that carry every one of these tags (key and value), as a dict. Values are compared as strings.
    type: dict
extends_documentation_fragment:
  - cloudapps.provision.info
  - cloudapps.provision.connection
  - cloudapps.provision.credentials.alicloud
  - cloudapps.provision.action_group.alicloud
"""

EXAMPLES = r"""
- name: List every app (credentials from ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET)
  cloudapps.provision.alicloud_apigateway_app_info:
    region: cn-hangzhou
  register: cloudapi

- name: Show the names of the apps
  ansible.builtin.debug:
    msg: "{{ cloudapi.apps | map(attribute='app_name') | list }}"

- name: List the apps of the payments team in production
  cloudapps.provision.alicloud_apigateway_app_info:
    tags:
      team: payments
      env: prod
    region: cn-hangzhou

- name: Read the keys of one app, to move its callers
  cloudapps.provision.alicloud_apigateway_app_info:
    name: demo_app
    return_secrets: true
    region: cn-hangzhou
  no_log: true
  register: demo
"""

RETURN = r"""
apps:
  description:
    - The apps that match every filter, sorted by name, then AppId. Empty when none matches.
    - Each has the keys of RV(cloudapps.provision.alicloud_apigateway_app#module:app).
  returned: always
  type: list
  elements: dict
  contains:
    authorizations:
      description:
        - Every authorization of the app, as RV(cloudapps.provision.alicloud_apigateway_app_authorization#module:authorized) lists
          them, with C(expires_at) (V("") for no end) and C(expired).
      type: list
      elements: dict
      returned: with O(list_authorizations=true)
    traffic_limits:
      description: The app's entries in traffic control policies, C(traffic_control_id) and C(limit).
      type: list
      elements: dict
      returned: with O(list_fences=true)
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
    app_id:
      description: Vendor id of the app (C(AppId)).
      type: int
      returned: always
      sample: 110443517
    app_name:
      description: Name of the app.
      type: str
      returned: always
      sample: demo_app
    description:
      description: Description of the app.
      type: str
      returned: always
      sample: Demo app for partner access
    tags:
      description: Tags of the app.
      type: dict
      returned: always
      sample: {"team": "payments", "env": "prod"}
    extend:
      description: Extra information of the app.
      type: str
      returned: always
      sample: ""
    enabled:
      description: Whether the app is enabled (the API's C(Disabled) switch, inverted).
      type: bool
      returned: always
      sample: true
    created_time:
      description: Creation time (UTC).
      type: str
      returned: always
      sample: "2024-01-15T08:30:00Z"
    modified_time:
      description: Time of the last change (UTC).
      type: str
      returned: always
      sample: "2024-01-15T08:30:00Z"
    app_key:
      description: The AppKey. Sensitive.
      type: str
      returned: only with O(return_secrets=true)
      sample: "204128731"
    app_secret:
      description: The AppSecret. Sensitive.
      type: str
      returned: only with O(return_secrets=true)
      sample: 6f1c2e9f1b7a4d0e9c3b8a7d6e5f4c3b
    app_code:
      description: The AppCode. Sensitive.
      type: str
      returned: only with O(return_secrets=true)
      sample: 3d0c9e0f8b7a4c6d9e2f1a0b3c4d5e6f
request_ids:
  description: Vendor request ids of the calls made (C(RequestId)), for support tickets.
  returned: always
  type: list
  elements: str
  sample: [6C4A2A4B-2D6E-4A34-9E0A-4F3B8C1D2E3F]
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

from ansible_collections.cloudapps.provision.plugins.module_utils._alicloud import VENDOR, AlicloudApp
from ansible_collections.cloudapps.provision.plugins.module_utils._alicloud_authorization import AlicloudAppAuthorizations
from ansible_collections.cloudapps.provision.plugins.module_utils._module import CloudAppsModule


def main():
    CloudAppsModule(VENDOR, argument_spec=dict(tags=dict(type="dict")), kind="info").run_info(AlicloudApp, authorizations=AlicloudAppAuthorizations)


if __name__ == "__main__":
    main()
