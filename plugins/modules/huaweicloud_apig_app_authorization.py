#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: huaweicloud_apig_app_authorization
short_description: Authorize a Huawei Cloud APIG app to call APIs in an environment
version_added: 0.2.0
description:
  - Makes the APIs an app of a dedicated Huawei Cloud APIG gateway (v2) is authorized to call in one environment
    what you list. An app calls nothing until it is authorized.
  - The app's authorizations in the environment are read with C(GET .../app-auths/binded-apis) (500 per page), once
    per run. Missing APIs are authorized with one C(POST .../app-auths); extra ones are removed with
    C(DELETE .../app-auths/{app_auth_id}), one call each (the vendor has no batch delete).
  - The POST answers HTTP 201 even when some APIs could not be authorized; each API's C(auth_result) is read
    (C(SUCCESS), C(SKIPPED) when already authorized, C(FAILED) with the vendor's C(error_code), for example an API
    not published in that environment), and the task fails naming each failed API and the environment, after
    reporting what was applied.
author:
  - cloudapps.provision contributors (@cloudapps)
options:
  instance_id:
    description: Id of the dedicated gateway instance. O(project_id) is then required too.
    type: str
    required: true
  app:
    description:
      - Name of the app, found as M(cloudapps.provision.huaweicloud_apig_app) finds it. Exactly one of O(app) and
        O(app_id).
    type: str
  app_id:
    description: Id of the app. Exactly one of O(app) and O(app_id).
    type: str
  env_id:
    description: Id of the environment; the release environment is V(DEFAULT_ENVIRONMENT_RELEASE_ID).
    type: str
    required: true
  api_ids:
    description:
      - Ids of the APIs, at most 1000 (Huawei's limit of APIs per app), checked before any call. Required with
        O(state=present).
      - With O(state=absent), the APIs to remove; when not set, every authorization of the app in that environment.
    type: list
    elements: str
  expires_at:
    description:
      - Refused before any call - Huawei app authorizations (app-auths) have no end date; remove them
        with C(state=absent) when they should end.
    type: str
  purge:
    description:
      - With V(true), the app's authorizations in the environment become exactly O(api_ids); others are removed.
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
  - cloudapps.provision.credentials.huaweicloud
  - cloudapps.provision.attributes
  - cloudapps.provision.action_group.huaweicloud
notes:
  - Only dedicated gateways; the shared gateway (v1.0, existing users only) is not supported by this module.
  - An app that does not exist fails the task before any write, naming it. An unknown API (C(APIG.3002)) or
    environment (C(APIG.3003)) fails with the vendor's code and request id.
  - A lost answer to a write is retried; authorizing again answers C(SKIPPED) and a removal already done counts as done.
"""

EXAMPLES = r"""
- name: Let the app call two APIs in the release environment
  cloudapps.provision.huaweicloud_apig_app_authorization:
    instance_id: eddc4d25480b4cd6b512f270a1b8b341
    app: demo_app
    env_id: DEFAULT_ENVIRONMENT_RELEASE_ID
    api_ids:
      - 5f918d104dc84480a75166ba99efff21
      - 6a9f25b5e4a347f3b0ffb4e8c2c9e6a1
    region: cn-north-4
    project_id: 0123456789abcdef0123456789abcdef

- name: Remove every authorization of the app in the release environment
  cloudapps.provision.huaweicloud_apig_app_authorization:
    instance_id: eddc4d25480b4cd6b512f270a1b8b341
    app: demo_app
    env_id: DEFAULT_ENVIRONMENT_RELEASE_ID
    state: absent
    region: cn-north-4
    project_id: 0123456789abcdef0123456789abcdef
"""

RETURN = r"""
action:
  description: V(add), V(remove), V(update) (both) or V(unchanged).
  returned: success
  type: str
  sample: add
authorized:
  description: The app's authorizations in the environment after the run (in check mode, as they would be).
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
      description: Id of the API's group.
      type: str
      returned: when it was listed
    env_id:
      description: The environment.
      type: str
      returned: always
    auth_id:
      description: Id of the authorization record.
      type: str
      returned: when it was listed
    auth_time:
      description: When it was authorized.
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
  description: When the vendor refused some APIs, the ids that were not authorized.
  returned: on a failed write
  type: list
  elements: str
not_removed:
  description: When a removal failed, the ids that were to be removed and were not.
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
from ansible_collections.cloudapps.provision.plugins.module_utils._huaweicloud import VENDOR
from ansible_collections.cloudapps.provision.plugins.module_utils._huaweicloud_authorization import (
    SCOPE_SPEC, HuaweiAppAuthorizations,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._module import CloudAppsModule


def main():
    module = CloudAppsModule(
        VENDOR,
        kind="plain",
        argument_spec=dict(SCOPE_SPEC, instance_id=dict(type="str", required=True), app=dict(type="str"),
                           app_id=dict(type="str")),
        required_one_of=[("app", "app_id")],
        mutually_exclusive=[("app", "app_id")],
    )
    _authorization.run(module, HuaweiAppAuthorizations(module))


if __name__ == "__main__":
    main()
