#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: huaweicloud_apig_app_quota
short_description: Manage app quotas of a Huawei Cloud APIG dedicated gateway
version_added: 0.2.0
description:
  - Creates, updates and deletes app quotas (C(.../app-quotas)) - how many calls an app bound to the
    quota may make per interval. Bind an app with the O(cloudapps.provision.huaweicloud_apig_app#module:quota)
    option of its module.
  - Idempotent by name within the gateway; O(items) reconciles many quotas in one task like the identity
    modules (listed once, applied concurrently at the vendor's rate).
author:
  - cloudapps.provision contributors (@cloudapps)
options:
  name:
    description:
      - Name of the quota, its identity within the gateway. 3 to 255 letters, digits, underscores or
        Chinese characters, starting with a letter or a Chinese character.
      - Required unless O(items) is given.
    type: str
  items:
    description:
      - Reconcile many quotas in one task; each entry is a dictionary of this module's quota options,
        checked before any call; options set on the task are the defaults of every entry. One entry's
        failure does not stop the others; the task fails at the end naming each.
    type: list
    elements: dict
  state:
    description: V(present) creates or updates the quota; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: The quota's id (C(app_quota_id)); selects it instead of O(name), which then can change.
    type: str
  call_limits:
    description: Calls an app may make per O(time_interval) O(time_unit). Required to create.
    type: int
  time_unit:
    description: The unit of the interval. Required to create.
    type: str
    choices: [SECOND, MINUTE, HOUR, DAY]
  time_interval:
    description: The interval, in O(time_unit). Required to create.
    type: int
  reset_time:
    description: When the quota is first reset, in the gateway's format; unset - from the first call.
    type: str
  description:
    description: Description of the quota (C(remark)), at most 255 characters.
    type: str
    aliases: [remark]
  instance_id:
    description: Id of the dedicated gateway instance. O(project_id) is then required too.
    type: str
  shared_gateway:
    description: The shared gateway has no app quotas; V(true) is refused.
    type: bool
    default: false
extends_documentation_fragment:
  - cloudapps.provision.connection
  - cloudapps.provision.credentials.huaweicloud
  - cloudapps.provision.attributes
  - cloudapps.provision.action_group.huaweicloud
notes:
  - Huawei's quota-binding guide warns that re-binding many apps hits the rate limit; the calls are
    paced at the gateway's published rate and one item's failure does not stop the others.
"""

EXAMPLES = r"""
- name: A quota of 1000 calls a minute for partner apps
  cloudapps.provision.huaweicloud_apig_app_quota:
    name: partner_quota
    region: cn-north-4
    project_id: 0123456789abcdef0123456789abcdef
    instance_id: eddc4d25480b4cd6b512f270a1b8b341
    call_limits: 1000
    time_unit: MINUTE
    time_interval: 1
    description: Partner apps
"""

RETURN = r"""
quota:
  description: The quota with the API's field names; empty after a deletion.
  returned: when O(items) is not set
  type: dict
  contains:
    app_quota_id:
      description: The quota's id.
      type: str
      sample: 3b8a9c7d6e5f4a3b2c1d0e9f8a7b6c5d
    name:
      description: Name of the quota.
      type: str
      sample: partner_quota
    call_limits:
      description: Calls per interval.
      type: int
      sample: 1000
    time_unit:
      description: SECOND, MINUTE, HOUR or DAY.
      type: str
      sample: MINUTE
    time_interval:
      description: The interval in the unit.
      type: int
      sample: 1
    remark:
      description: Description.
      type: str
      sample: Partner apps
    bound_app_num:
      description: How many apps are bound to it.
      type: int
      sample: 3
action:
  description: V(create), V(update), V(delete), V(unchanged) or V(error).
  returned: always
  type: str
  sample: create
changed_fields:
  description: The options whose values changed (or would change in check mode).
  returned: always
  type: list
  elements: str
  sample: [call_limits]
item_results:
  description: With O(items), one entry per item, in order, with the keys a single task returns plus C(index), C(name) and C(state).
  returned: when O(items) is set
  type: list
  elements: dict
  sample: []
request_ids:
  description: Vendor request ids of the calls made, for support tickets.
  returned: always
  type: list
  elements: str
  sample: []
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
      sample: Huawei Cloud
retries:
  description:
    - Each retry of a call (throttled, vendor fault, network error) with its reason and pause, in order.
  returned: with C(-vvv), when a call was retried
  type: list
  elements: str
  sample: ["Huawei Cloud ListAppQuotas attempt 1 of 5 failed (throttled: APIGW.0308); retrying in 0.42s"]
"""

from ansible_collections.cloudapps.provision.plugins.module_utils._huaweicloud_quota import run_apig_app_quota


def main():
    run_apig_app_quota()


if __name__ == "__main__":
    main()
