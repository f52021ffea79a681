#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: volcengine_rtc_app_info
short_description: List Volcengine RTC apps
version_added: 0.2.0
description:
  - Lists the Volcengine Real-Time Communication (RTC) apps of the account, or those the filters select,
    with C(ListApps) (version C(2023-11-01)) at its largest page size, 100.
  - The result has the field names of M(cloudapps.provision.volcengine_rtc_app), so an app found here can be
    fed to that module or to a report as it is.
  - C(ListApps) has no name filter; O(name) and O(name_prefix) are applied by the module. O(id) is sent as
    C(AppId), O(project_name) as C(ProjectName).
author:
  - cloudapps.provision contributors (@cloudapps)
options:
  project_name:
    description:
      - Only apps of this Volcengine IAM project (C(ListApps) C(ProjectName)).
      - 1 to 64 letters, digits, V(_), V(-) or V(.).
    type: str
extends_documentation_fragment:
  - cloudapps.provision.info
  - cloudapps.provision.connection
  - cloudapps.provision.credentials.volcengine
  - cloudapps.provision.action_group.volcengine
"""

EXAMPLES = r"""
- name: List every RTC app (credentials from VOLCENGINE_ACCESS_KEY / VOLCENGINE_SECRET_KEY)
  cloudapps.provision.volcengine_rtc_app_info:
  register: rtc

- name: Show the names of the disabled apps
  ansible.builtin.debug:
    msg: "{{ rtc.apps | rejectattr('enabled') | map(attribute='app_name') | list }}"

- name: Find the apps of a project whose names start with team_a_
  cloudapps.provision.volcengine_rtc_app_info:
    project_name: default
    name_prefix: team_a_

- name: Read the AppKeys of one app
  cloudapps.provision.volcengine_rtc_app_info:
    name: demo_app
    return_secrets: true
  no_log: true
  register: demo
"""

RETURN = r"""
apps:
  description:
    - The apps that match every filter, sorted by name, then AppId. Empty when none matches.
    - Each has the keys of RV(cloudapps.provision.volcengine_rtc_app#module:app).
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
    app_id:
      description: The AppId.
      returned: always
      type: str
      sample: 5f0c2b9e8d7a6b5c4d3e2f10
    app_name:
      description: The AppName.
      returned: always
      type: str
      sample: demo_app
    create_at:
      description: Creation time (C(CreateAt)).
      returned: always
      type: str
      sample: "2024-01-15T08:30:00Z"
    status:
      description: The vendor status code. V(0) being created, V(1) running, V(6) suspended for arrears, V(98) disabled.
      returned: always
      type: int
      sample: 1
    enabled:
      description: V(false) only for status V(98) (disabled).
      returned: always
      type: bool
      sample: true
    project_name:
      description: The project, when O(project_name) is set (C(ListApps) entries do not name it).
      returned: when O(project_name) is set
      type: str
      sample: default
    app_key:
      description: The primary AppKey. Sensitive.
      returned: only with O(return_secrets=true)
      type: str
      sample: 0123456789abcdef0123456789abcdef
    secondary_app_key:
      description: The secondary AppKey. Sensitive.
      returned: only with O(return_secrets=true)
      type: str
      sample: fedcba9876543210fedcba9876543210
request_ids:
  description: Vendor request ids of the calls made, for support tickets.
  returned: always
  type: list
  elements: str
  sample: [20240115083000010023045067089ABC]
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
from ansible_collections.cloudapps.provision.plugins.module_utils._volcengine import SCOPE_OPTIONS, VENDOR, RtcApp


def main():
    CloudAppsModule(VENDOR, argument_spec=SCOPE_OPTIONS, kind="info").run_info(RtcApp)


if __name__ == "__main__":
    main()
