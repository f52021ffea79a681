#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: huaweicloud_apig_app_info
short_description: List Huawei Cloud API Gateway (APIG) apps
version_added: 0.2.0
description:
  - Lists the apps (credentials) of one Huawei Cloud APIG gateway, or those the filters select, with
    C(ListApps) at its largest page size, 500.
  - The gateway is the dedicated gateway O(instance_id); the shared gateway (for existing users only, being
    retired) is listed only with O(shared_gateway=true). Without either the task fails before any API call.
  - O(name) is sent with C(precise_search=name); O(name_prefix) is sent as the fuzzy C(name) filter and then
    checked exactly. O(id) is read with C(ShowApp) (an id that does not exist gives an empty list).
  - The result has the field names of M(cloudapps.provision.huaweicloud_apig_app). The listing carries the
    AppSecret, so O(return_secrets=true) costs no extra call.
author:
  - cloudapps.provision contributors (@cloudapps)
extends_documentation_fragment:
  - cloudapps.provision.info
  - cloudapps.provision.connection
  - cloudapps.provision.credentials.huaweicloud
  - cloudapps.provision.huaweicloud_gateway
  - cloudapps.provision.action_group.huaweicloud
"""

EXAMPLES = r"""
- name: List the apps of a dedicated gateway (credentials from HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK)
  cloudapps.provision.huaweicloud_apig_app_info:
    region: cn-north-4
    project_id: 0123456789abcdef0123456789abcdef
    instance_id: eddc4d25480b4cd6b512f270a1b8b341
  register: apig

- name: Show each app's name and AppKey
  ansible.builtin.debug:
    msg: "{{ apig.apps | items2dict(key_name='name', value_name='app_key') }}"

- name: Find the apps whose names start with partner_
  cloudapps.provision.huaweicloud_apig_app_info:
    name_prefix: partner_
    region: cn-north-4
    project_id: 0123456789abcdef0123456789abcdef
    instance_id: eddc4d25480b4cd6b512f270a1b8b341

- name: List what is left on the shared gateway before migrating
  cloudapps.provision.huaweicloud_apig_app_info:
    shared_gateway: true
    region: cn-north-4
"""

RETURN = r"""
apps:
  description:
    - The apps that match every filter, sorted by name, then id. Empty when none matches.
    - Each has the keys of RV(cloudapps.provision.huaweicloud_apig_app#module:app).
  returned: always
  type: list
  elements: dict
  contains:
    authorizations:
      description:
        - Every authorization of the app, as RV(cloudapps.provision.huaweicloud_apig_app_authorization#module:authorized) lists
          them, with C(expires_at) (V("") for no end) and C(expired).
      type: list
      elements: dict
      returned: with O(list_authorizations=true), on a dedicated gateway
    quota:
      description: Name of the app quota the app is bound to; empty when none.
      type: str
      returned: with O(list_fences=true), on a dedicated gateway
    quota_id:
      description: Id of that quota; null when none.
      type: str
      returned: with O(list_fences=true), on a dedicated gateway
    acl:
      description: The app's access list, C(type) and C(values); empty when it has none.
      type: dict
      returned: with O(list_fences=true), on a dedicated gateway
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
    id:
      description: Vendor id of the app.
      type: str
      returned: always
      sample: 356de8eb7a8742168586e5daf5339965
    name:
      description: Name of the app.
      type: str
      returned: always
      sample: demo_app
    remark:
      description: Description of the app.
      type: str
      returned: always
      sample: Demo app for partner access
    status:
      description: Status; V(1) means valid.
      type: int
      returned: always
      sample: 1
    app_key:
      description: The AppKey, the app's key id (not a secret).
      type: str
      returned: always
      sample: 9a2e5e8c4b7d4ffd8b0b1c1a4a6c2f10
    app_secret:
      description: The AppSecret. Sensitive.
      type: str
      returned: only with O(return_secrets=true)
      sample: 6f1c2e9f1b7a4d0e9c3b8a7d6e5f4c3b
    creator:
      description: Who created the app, V(USER) or V(MARKET).
      type: str
      returned: always
      sample: USER
    register_time:
      description: Creation time (UTC).
      type: str
      returned: always
      sample: "2024-01-15T08:30:00Z"
    update_time:
      description: Time of the last change (UTC).
      type: str
      returned: always
      sample: "2024-01-15T08:30:00Z"
    app_type:
      description: App type, V(apig).
      type: str
      returned: always
      sample: apig
    bind_num:
      description: Number of APIs bound to the app.
      type: int
      returned: when the app was listed (not with O(id))
      sample: 0
request_ids:
  description: Vendor request ids of the calls made, for support tickets.
  returned: always
  type: list
  elements: str
  sample: [05d1fc8b4b0e4b5f8b2b1d6f0a7c9e31]
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

from ansible_collections.cloudapps.provision.plugins.module_utils._huaweicloud import GATEWAY_OPTIONS, VENDOR, HuaweiApigApp
from ansible_collections.cloudapps.provision.plugins.module_utils._huaweicloud_authorization import HuaweiAppAuthorizations
from ansible_collections.cloudapps.provision.plugins.module_utils._module import CloudAppsModule


def main():
    CloudAppsModule(VENDOR, argument_spec=GATEWAY_OPTIONS, kind="info").run_info(HuaweiApigApp, authorizations=HuaweiAppAuthorizations)


if __name__ == "__main__":
    main()
