#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: huaweicloud_apig_app
short_description: Manage Huawei Cloud API Gateway (APIG) apps
version_added: 0.1.0
description:
  - Create, update and delete an app (in newer consoles a I(credential)) of Huawei Cloud API Gateway,
    the identity, with its AppKey and AppSecret, that calls APIs using app authentication.
  - The app lives on the dedicated gateway O(instance_id) (API C(/v2/{project_id}/apigw/instances/{instance_id}/apps)).
    Dedicated gateways are Huawei's norm; the shared gateway (API C(/v1.0/apigw/apps)) is for existing users
    only and is being retired (Huawei's user guide, "Shared Gateway (for Existing Users)", and its best practice
    "Migrating from the shared gateway to a dedicated gateway"). It is used only with O(shared_gateway=true).
  - Without O(instance_id) or O(shared_gateway=true) the task fails before any API call.
  - The app is found by O(name) with one exact-match list call, or by O(id). Apps have no enable or
    disable call; RV(app.status) is always V(1).
  - Requests are signed with SDK-HMAC-SHA256 and carry the headers the official Huawei Cloud SDK signs
    (C(Content-Type), C(Host), C(User-Agent), C(X-Project-Id) when O(project_id) is set, C(X-Sdk-Date),
    C(X-Security-Token) with temporary credentials).
author:
  - cloudapps.provision contributors (@cloudapps)
options:
  name:
    description:
      - Required unless O(items) is given.
      - Name of the app, its identity when O(id) is not set. Names are unique per gateway.
      - 3 to 64 characters; letters, digits, underscores and Chinese characters; starts with a letter
        or a Chinese character.
      - The English reference of the shared gateway says "starting with a letter"; the Chinese reference
        and the SDK model allow Chinese characters in both gateways, so the module allows them everywhere.
      - When O(id) is set, a different O(name) renames the app.
    type: str
  description:
    description:
      - Description of the app, at most 255 characters. The API and the result call it C(remark).
      - When not set, the current description is kept. V("") clears it.
    type: str
    aliases: [remark]
  app_key:
    description:
      - A custom AppKey. When not set, the gateway generates one at creation and the current one is kept.
      - 8 to 64 characters on the shared gateway, 8 to 200 on a dedicated gateway; letters, digits, V(_)
        and V(-); starts with a letter or digit.
      - The AppKey identifies the app (it is sent in clear with every signed call), so it is not treated as
        a secret; it is always returned and shown in diffs. Only the AppSecret is secret.
      - Custom AppKeys may need a quota switch on the vendor side.
    type: str
  app_secret:
    description:
      - A custom AppSecret. When not set, the gateway generates one at creation and the current one is kept.
      - 8 to 64 characters on the shared gateway, 8 to 128 on a dedicated gateway; letters, digits and
        V(_-!@#$%); starts with a letter or digit.
      - A change is made with the reset-secret call (C(PUT .../apps/secret/{app_id})) with the new value;
        the update call takes a secret only when the gateway's custom-secret feature is on.
      - To have the gateway generate a new secret instead, use O(rotate_secret=true) (the same reset call
        with an empty body).
    type: str
  authorizations:
    description:
      - The APIs the app may call, one entry per environment of the dedicated gateway O(instance_id), as
        M(cloudapps.provision.huaweicloud_apig_app_authorization) sets them (the same options and calls).
      - Not with O(shared_gateway=true).
      - Applied after the app exists, in the order given; one entry failing does not stop the next.
        The task then fails (with O(items), the item fails) naming the entry, after reporting what did apply.
      - Ignored with O(state=absent), as deleting the app removes its authorizations.
      - With O(items), each item takes its own list; items run concurrently under the vendor's rate limit
        as the apps themselves do.
      - In check mode nothing is written; for a app still to create every API is planned as added.
    type: list
    elements: dict
    suboptions:
      env_id:
        description: Id of the environment.
        type: str
        default: DEFAULT_ENVIRONMENT_RELEASE_ID
      api_ids:
        description:
          - Ids of the APIs, published in that environment. Required with O(authorizations[].state=present);
            at most 1000.
          - With O(authorizations[].state=absent), the APIs to remove; when not set, every authorization of the
            app in that environment.
        type: list
        elements: str
      purge:
        description: With V(true), the app's authorizations in that environment become exactly O(authorizations[].api_ids).
        type: bool
        default: false
      state:
        description: V(present) authorizes O(authorizations[].api_ids); V(absent) removes authorizations.
        type: str
        choices: [present, absent]
        default: present
extends_documentation_fragment:
  - cloudapps.provision.common
  - cloudapps.provision.connection
  - cloudapps.provision.credentials.huaweicloud
  - cloudapps.provision.huaweicloud_gateway
  - cloudapps.provision.attributes
  - cloudapps.provision.secret_store
  - cloudapps.provision.action_group.huaweicloud
notes:
  - Deleting an app also removes the API authorisations bound to it.
  - A deleted app that is already gone when the delete call arrives (C(APIG.3004)) counts as deleted;
    a missing gateway instance (C(APIG.3030)) fails the task.
  - Error codes are mapped to categories; C(APIGW.0301) is a signature or clock problem, except when its
    message says the AK does not exist, is locked or the token is bad, which is an authentication problem.
"""

EXAMPLES = r"""
- name: An app and the APIs it may call in the release environment, in one task
  cloudapps.provision.huaweicloud_apig_app:
    name: partner_app
    region: cn-north-4
    project_id: 0123456789abcdef0123456789abcdef
    instance_id: eddc4d25480b4cd6b512f270a1b8b341
    authorizations:
      - env_id: DEFAULT_ENVIRONMENT_RELEASE_ID
        api_ids:
          - 5f918d104dc84480a75166ba99efff21
          - 6a9f25b5e4a347f3b0ffb4e8c2c9e6a1

- name: Create an app on a dedicated gateway (credentials from HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK)
  cloudapps.provision.huaweicloud_apig_app:
    name: demo_app
    description: Demo app for partner access
    region: cn-north-4
    project_id: 0123456789abcdef0123456789abcdef
    instance_id: eddc4d25480b4cd6b512f270a1b8b341

- name: Keep managing an app on the shared gateway (existing users only)
  cloudapps.provision.huaweicloud_apig_app:
    name: legacy_app
    shared_gateway: true
    region: cn-north-4

- name: Create an app on a dedicated gateway and read its AppKey and AppSecret
  cloudapps.provision.huaweicloud_apig_app:
    name: 测试_app
    description: "备注 ~*+!'() "
    region: cn-north-4
    project_id: 0123456789abcdef0123456789abcdef
    instance_id: eddc4d25480b4cd6b512f270a1b8b341
    return_secrets: true
  no_log: true
  register: app

- name: Credentials and gateway once for every Huawei Cloud task
  module_defaults:
    group/cloudapps.provision.huaweicloud:
      access_key: "{{ hw_access_key }}"
      secret_key: "{{ hw_secret_key }}"
      region: cn-north-4
      project_id: 0123456789abcdef0123456789abcdef
      instance_id: eddc4d25480b4cd6b512f270a1b8b341
  block:
    - name: Set a custom AppSecret
      cloudapps.provision.huaweicloud_apig_app:
        name: demo_app
        app_secret: "{{ vault_demo_app_secret }}"
      no_log: true

    - name: Have the gateway generate a new AppSecret (rotates on every run)
      cloudapps.provision.huaweicloud_apig_app:
        name: demo_app
        rotate_secret: true
        return_secrets: true
      no_log: true
      register: rotated

    - name: Rename an app selected by its id
      cloudapps.provision.huaweicloud_apig_app:
        id: 356de8eb7a8742168586e5daf5339965
        name: demo_app_renamed

    - name: Delete an app
      cloudapps.provision.huaweicloud_apig_app:
        name: demo_app_renamed
        state: absent

    - name: Ensure the app exists
      cloudapps.provision.huaweicloud_apig_app:
        name: demo_app
"""

RETURN = r"""
app:
  description:
    - The app as the API returns it (Huawei's field names are already snake_case). Empty after a deletion.
    - In check mode, the fields the module would set.
    - The O(description) option is the C(remark) field; there is no separate C(description) key.
  returned: when O(items) is not set
  type: dict
  contains:
    id:
      description: Vendor id of the app.
      type: str
      returned: when the app exists
      sample: 356de8eb7a8742168586e5daf5339965
    name:
      description: Name of the app.
      type: str
      returned: always
      sample: demo_app
    remark:
      description: Description of the app.
      type: str
      returned: when the app exists or O(description) is set
      sample: Demo app for partner access
    status:
      description: Status; V(1) means valid (apps cannot be disabled).
      type: int
      returned: when the app exists
      sample: 1
    app_key:
      description: The AppKey, the app's key id (not a secret).
      type: str
      returned: when the app exists
      sample: 9a2e5e8c4b7d4ffd8b0b1c1a4a6c2f10
    app_secret:
      description: The AppSecret. Sensitive.
      type: str
      returned: only with O(return_secrets=true)
      sample: 6f1c2e9f1b7a4d0e9c3b8a7d6e5f4c3b
    creator:
      description: Who created the app, V(USER) or V(MARKET).
      type: str
      returned: when the app exists
      sample: USER
    register_time:
      description: Creation time (UTC).
      type: str
      returned: when the app exists
      sample: "2024-01-15T08:30:00Z"
    update_time:
      description: Time of the last change (UTC).
      type: str
      returned: when the app exists
      sample: "2024-01-15T08:30:00Z"
    app_type:
      description: App type, V(apig).
      type: str
      returned: when the app exists
      sample: apig
    roma_app_type:
      description: ROMA app type (dedicated gateways).
      type: str
      returned: when the vendor returns it
      sample: ""
    bind_num:
      description: Number of APIs bound to the app.
      type: int
      returned: when the app was found by O(name) (list results only)
      sample: 0
action:
  description:
    - What the module did, or would do in check mode, to the resource.
    - V(create), V(update), V(delete), V(unchanged), or V(error) when the task fails because a field cannot be
      changed in place.
  returned: when O(items) is not set
  type: str
  sample: update
changed_fields:
  description:
    - The options whose values were (or in check mode would be) set on the resource, sorted. For a create,
      every option that was given; a rotation with O(rotate_secret=true) lists the secret option.
  returned: when O(items) is not set
  type: list
  elements: str
  sample: [description]
authorizations:
  description:
    - One entry per O(authorizations) entry, in order, with its scope (C(instance_id), C(env_id)), C(changed), C(action)
      (V(add), V(remove), V(update), V(unchanged) or V(error)), C(added) and C(removed) (API ids) and
      C(authorized) (the app's authorizations in that scope after the run), as
      M(cloudapps.provision.huaweicloud_apig_app_authorization) returns them.
    - A failed entry also has C(msg), C(error), C(not_added) and C(not_removed).
    - With O(items), each entry of RV(item_results) has its own.
    - In diff mode the diff shows each scope's API ids before and after, under C(authorizations).
  returned: when O(authorizations) is set and O(state=present)
  type: list
  elements: dict
  sample:
    - instance_id: "eddc4d25480b4cd6b512f270a1b8b341"
      env_id: "DEFAULT_ENVIRONMENT_RELEASE_ID"
      changed: false
      action: "unchanged"
      added: []
      removed: []
      authorized: []
item_results:
  description:
    - With O(items), one entry per item, in the order of O(items). The task fails when any item
      failed, after every other item was carried out; its C(msg) names each failed item.
  returned: when O(items) is set
  type: list
  elements: dict
  contains:
    index:
      description: Position of the item in O(items).
      type: int
      returned: always
    name:
      description: O(name) of the item.
      type: str
      returned: always
    state:
      description: O(state) of the item.
      type: str
      returned: always
    changed:
      description: Whether the item changed (or would change in check mode).
      type: bool
      returned: always
    action:
      description: As RV(action) of a single-item run; V(error) for a failed item.
      type: str
      returned: always
    changed_fields:
      description: As RV(changed_fields) of a single-item run.
      type: list
      elements: str
      returned: always
    app:
      description: The resource after the run, with the keys of RV(app).
      type: dict
      returned: when the item did not fail
    diff:
      description: Before and after of the item, secrets masked.
      type: dict
      returned: in diff mode, when the item did not fail
    msg:
      description: Why the item failed.
      type: str
      returned: when the item failed
    error:
      description: The error of a failed item, C(category), C(code), C(message), C(request_id).
      type: dict
      returned: when the item failed
    authorizations:
      description: As RV(authorizations) of a single-item run.
      type: list
      elements: dict
      returned: when the item sets O(authorizations) and O(state=present)
    request_ids:
      description: Request ids of the calls made for this item.
      type: list
      elements: str
      returned: always
    warnings:
      description: Warnings about this item (also shown as task warnings).
      type: list
      elements: str
      returned: always
request_ids:
  description: Vendor request ids of the calls made (C(X-Request-Id)), for support tickets.
  returned: always
  type: list
  elements: str
  sample: [6a6c4f3a1f0c4a3e8c1a0b9d8e7f6a5b]
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
rotate_reason:
  description:
    - Why the secret was (or in check mode would be) rotated - V(rotate_secret), or its age against
      O(max_secret_age), such as C(age 97 d > 90). In O(items) mode, in each entry of RV(item_results).
  returned: when the secret is rotated
  type: str
  sample: age 97 d > 90
secret_store:
  description:
    - What O(secret_store) did for the identity; never the secret itself. In O(items) mode, in each
      entry of RV(item_results).
    - C(reason) says why the copy is (or would be) written - V(created), V(rotated), V(missing) or
      V(stale) - and is null when the stored copy is current.
  returned: when O(secret_store) is set and O(state=present)
  type: dict
  contains:
    path:
      description: The path within the KV engine, C({name}) replaced.
      type: str
      sample: cloudapps/partner_app
    version:
      description: The KV version now current (after a write, the new one); null when none exists.
      type: int
      sample: 3
    fingerprint:
      description:
        - C(sha256:) and the first 16 hex digits of the SHA-256 of the credential fields; identifies
          the credential without revealing it. Null in check mode when the secret is still to be made.
      type: str
      sample: "sha256:3f9a0c1d2e4b5a69"
    written:
      description: Whether this run wrote a new version (never in check mode).
      type: bool
      sample: true
    reason:
      description: Why the copy was (or in check mode would be) written; null when nothing was due.
      type: str
      sample: created
    action:
      description: V(error) when the hand-off failed; C(msg) and C(error) then say why.
      type: str
      sample: error
retries:
  description:
    - Each retry of a call (throttled, vendor fault, network error) with its reason and pause, in order.
  returned: with C(-vvv), when a call was retried
  type: list
  elements: str
  sample: ["Volcengine ListApps attempt 1 of 5 failed (throttled: AccountFlowLimitExceeded); retrying in 0.42s"]
"""

from ansible_collections.cloudapps.provision.plugins.module_utils._huaweicloud import GATEWAY_OPTIONS, VENDOR, HuaweiApigApp
from ansible_collections.cloudapps.provision.plugins.module_utils._huaweicloud_authorization import (
    ENTRY_SPEC, HuaweiAppAuthorizations,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._module import CloudAppsModule


def main():
    module = CloudAppsModule(
        VENDOR,
        argument_spec=dict(
            GATEWAY_OPTIONS,
            description=dict(type="str", aliases=["remark"]),
            # The AppKey identifies the app, like an access key id: not a secret, keep it readable.
            app_key=dict(type="str", no_log=False),
            app_secret=dict(type="str", no_log=True),
            authorizations=dict(type="list", elements="dict", options=ENTRY_SPEC),
        ),
    )
    module.run(HuaweiApigApp, authorizations=HuaweiAppAuthorizations)


if __name__ == "__main__":
    main()
