#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: alicloud_apigateway_app_authorization
short_description: Authorize an Alibaba Cloud API Gateway app to call APIs
version_added: 0.2.0
description:
  - Makes the APIs an app of Alibaba Cloud API Gateway (CloudAPI, API version 2016-07-14) is authorized to call
    in one API group and stage what you list. An app calls nothing until it is authorized.
  - The app's authorizations are read with C(DescribeAuthorizedApis) (every page, 100 per page; the call has no
    group or stage filter, so the scope is applied by the module), once per run. Missing APIs are authorized with
    one C(SetApisAuthorities) call and extra ones removed with one C(RemoveApisAuthorities) call; a list of more
    than 100 ids (the vendor's limit per call) is split into calls of 100.
  - B(The traditional API Gateway is discontinued on 2027-09-21); see M(cloudapps.provision.alicloud_apig_consumer).
author:
  - cloudapps.provision contributors (@cloudapps)
options:
  app:
    description:
      - Name of the app, found as M(cloudapps.provision.alicloud_apigateway_app) finds it.
      - Exactly one of O(app) and O(app_id).
    type: str
  app_id:
    description: The numeric AppId of the app. Exactly one of O(app) and O(app_id).
    type: str
  group_id:
    description: Id of the API group the APIs belong to.
    type: str
    required: true
  stage_name:
    description:
      - The stage (environment) the authorization is for. The API page names V(RELEASE), V(PRE) and V(TEST)
        (the SDK's docstrings only V(RELEASE) and V(TEST)).
    type: str
    choices: [RELEASE, PRE, TEST]
    default: RELEASE
  api_ids:
    description:
      - Ids of the APIs. Required with O(state=present).
      - With O(state=absent), the APIs to remove; when not set, every authorization of the app in that group and
        stage is removed.
    type: list
    elements: str
  description:
    description: Description of the authorizations this task adds.
    type: str
  expires_at:
    description:
      - When the authorizations of C(api_ids) end - ISO 8601, UTC unless an offset is given, such as
        V(2027-06-30T00:00:00Z) - sent as C(AuthValidTime) of C(SetApisAuthorities). An authorized API
        with another end is authorized again with this one (RV(ignore:renewed)); V("") authorizes without
        an end. Unset leaves the ends as they are.
      - Each entry of RV(ignore:authorized) says its C(expires_at) and whether it has C(expired).
    type: str
  purge:
    description:
      - With V(true), the app's authorizations in that group and stage become exactly O(api_ids); others are removed.
      - With V(false), the APIs in O(api_ids) are added and other authorizations are kept.
    type: bool
    default: false
  state:
    description: V(present) authorizes O(api_ids); V(absent) removes authorizations.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - cloudapps.provision.connection
  - cloudapps.provision.credentials.alicloud
  - cloudapps.provision.attributes
  - cloudapps.provision.action_group.alicloud
notes:
  - An app that does not exist fails the task before any write, naming it. An unknown API id, group or stage fails
    with the vendor's code (C(NotFoundApi), C(NotFoundApiGroup), C(InvalidParamter.StageName)) and request id.
  - A lost answer to a write is retried (authorizing or removing twice is harmless). When a later call of a split
    list fails, the result and the message say which ids were applied and which were not.
"""

EXAMPLES = r"""
- name: Let the app call two APIs of a group in production
  cloudapps.provision.alicloud_apigateway_app_authorization:
    app: demo_app
    group_id: 523e8dc7bbe04613b5b1d726c2a7889d
    api_ids:
      - baacc592e63a4cb6a41920d9d3f91f38
      - jkscc489e63a4cb6a41920d9d3f92d78
    region: cn-hangzhou

- name: Exactly these APIs in the test stage (others are removed)
  cloudapps.provision.alicloud_apigateway_app_authorization:
    app: demo_app
    group_id: 523e8dc7bbe04613b5b1d726c2a7889d
    stage_name: TEST
    api_ids: [baacc592e63a4cb6a41920d9d3f91f38]
    purge: true
    region: cn-hangzhou

- name: Remove every authorization of the app in that group and stage
  cloudapps.provision.alicloud_apigateway_app_authorization:
    app: demo_app
    group_id: 523e8dc7bbe04613b5b1d726c2a7889d
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
  description: The app's authorizations in that group and stage after the run (in check mode, as they would be).
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
    api_id:
      description: Id of the API.
      type: str
      returned: always
    api_name:
      description: Name of the API.
      type: str
      returned: when it was listed
    group_id:
      description: Id of the API group.
      type: str
      returned: always
    group_name:
      description: Name of the API group.
      type: str
      returned: when it was listed
    stage_name:
      description: The stage.
      type: str
      returned: always
    description:
      description: Description of the authorization.
      type: str
      returned: always
    authorized_time:
      description: When it was authorized (GMT).
      type: str
      returned: when it was listed
    auth_valid_time:
      description: When it expires (GMT); empty when it does not.
      type: str
      returned: when it was listed
renewed:
  description: Ids kept whose end (O(expires_at)) was changed by granting them again.
  returned: when an end changed
  type: list
  elements: str
  sample: []
added:
  description: API ids authorized by this run (in check mode, that would be).
  returned: always
  type: list
  elements: str
removed:
  description: API ids whose authorization this run removed (in check mode, would remove).
  returned: always
  type: list
  elements: str
not_added:
  description: When a write failed, the API ids that were to be added and were not.
  returned: on a failed write
  type: list
  elements: str
not_removed:
  description: When a write failed, the API ids that were to be removed and were not.
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
from ansible_collections.cloudapps.provision.plugins.module_utils._alicloud import VENDOR
from ansible_collections.cloudapps.provision.plugins.module_utils._alicloud_authorization import (
    SCOPE_SPEC, AlicloudAppAuthorizations,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._module import CloudAppsModule


def main():
    module = CloudAppsModule(
        VENDOR,
        kind="plain",
        argument_spec=dict(SCOPE_SPEC, app=dict(type="str"), app_id=dict(type="str")),
        required_one_of=[("app", "app_id")],
        mutually_exclusive=[("app", "app_id")],
    )
    _authorization.run(module, AlicloudAppAuthorizations(module))


if __name__ == "__main__":
    main()
