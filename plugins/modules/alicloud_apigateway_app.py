#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: alicloud_apigateway_app
short_description: Manage Alibaba Cloud API Gateway apps
version_added: 0.1.0
description:
  - Create, update and delete an app of Alibaba Cloud API Gateway (CloudAPI, API version 2016-07-14),
    the identity, with its AppKey, AppSecret and AppCode, that calls APIs using app authentication.
  - B(The traditional API Gateway stopped new purchases on 2026-08-23 and is discontinued on 2027-09-21)
    (Alibaba Cloud help, "What is API Gateway", traditional edition). Its successor is the Cloud-native
    API Gateway (APIG, API version 2024-03-27), where the calling identity is a I(consumer); plan the
    move of your apps' callers before that date.
  - The app is found by O(name) with C(DescribeAppAttributes) (one call of up to 100 rows, more pages
    only when the server's name filter matches more than 100 apps; names are compared exactly), or by O(id).
  - Requests are signed with the RPC signature v1 (HMAC-SHA1), every parameter in the query of a
    C(POST /), as the official SDK does with C(signature_algorithm=v2).
author:
  - cloudapps.provision contributors (@cloudapps)
options:
  name:
    description:
      - Required unless O(items) is given.
      - Name of the app (C(AppName)), its identity when O(id) is not set.
      - 4 to 26 characters, a Chinese character counting as 2; letters, digits, underscores and Chinese
        characters; starts with a letter or a Chinese character.
      - The English API reference names only letters, digits and underscores; the Chinese reference also
        allows Chinese characters (also as the first character), so the module allows them.
      - When O(id) is set, a different O(name) renames the app.
    type: str
  description:
    description:
      - Description of the app, at most 180 characters.
      - When not set, the current description is kept.
    type: str
  tags:
    description:
      - Tags of the app, as a dict of keys and values, at most 20.
      - Keys are 1 to 128 characters, must not start with V(aliyun) or V(acs:) and must not contain
        V(http://) or V(https://); values are at most 128 characters and must not contain V(http://) or V(https://)
        (Alibaba Cloud's tag rules). Values are sent as strings.
      - When not set, the current tags are kept. See O(purge_tags).
      - Tags are given to C(CreateApp) when the app is created. On an existing app they are changed
        only with the documented tag calls, C(UntagResources) then C(TagResources) (type V(app)), never
        with C(ModifyApp), whose C(Tag) parameter is not documented as setting tags.
      - If C(CreateApp) answers C(TagStatus=false), the tags are set with C(TagResources) and a warning is shown.
    type: dict
  purge_tags:
    description:
      - With V(true), O(tags) is the whole tag set of the app, and tags not listed are removed
        with one C(UntagResources) call (C(TagKey.N), or C(All=true) for O(tags={})).
      - With V(false), the tags in O(tags) are added or changed and the other tags are kept.
      - New tags and changed values are set with one C(TagResources) call, made after the removal
        so the app never holds more than 20 tags on the way.
      - Has no effect when O(tags) is not set.
    type: bool
    default: true
  extend:
    description:
      - Extra information of the app (C(Extend)), a free-form string.
      - When not set, the current value is kept.
    type: str
  enabled:
    description:
      - V(false) disables the app (C(ModifyApp) with C(Disabled=true)), so calls signed with its keys are
        refused. V(true) enables it again.
      - When not set, a new app is left enabled and an existing app keeps its state.
    type: bool
  app_key:
    description:
      - A custom AppKey, set when the app is created; the gateway generates one when not set.
        8 to 64 letters or digits, checked before any call.
      - The AppKey cannot be changed in place; a different value fails the task. Comparing it needs one
        extra read (C(DescribeAppSecurity)).
      - Treated as secret material, like the AppSecret; shown only with O(return_secrets).
    type: str
  app_secret:
    description:
      - A custom AppSecret; the gateway generates one when not set. 8 to 64 letters, digits, V(_) or
        V(-), checked before any call.
      - Set at creation; on an existing app a different value is set with C(ResetAppSecret), keeping the
        AppKey. Comparing it needs one extra read (C(DescribeAppSecurity)).
      - The gateway requires O(app_key) and O(app_secret) together when creating an app with custom keys.
      - To have the gateway generate a new secret instead, use O(rotate_secret=true) (C(ResetAppSecret)
        without C(NewAppSecret)).
    type: str
  app_code:
    description:
      - A custom AppCode (simple authentication), set when the app is created; the gateway generates one
        when not set. 8 to 64 letters or digits, checked before any call.
      - A different value changes the app's code in place (C(ResetAppCode) with C(NewAppCode)); the old
        code stops working at once, as an app has one code.
      - A rotation (O(rotate_secret), O(max_secret_age)) also resets the AppCode to a generated one, so
        it cannot be combined with this option.
    type: str
  traffic_limits:
    description:
      - This app's own limits in traffic control policies - an entry of the policy for this app
        (C(AddTrafficSpecialControl) with C(SpecialType=APP)), compared with C(DescribeTrafficControls),
        which is read once per task for every item.
      - A policy that does not exist fails the item before any write, naming it; create the policies
        themselves (their API, user and app defaults) in the console or with C(CreateTrafficControl).
      - Adding an entry for an app that has one in that policy overwrites it, so a change is one call.
    type: list
    elements: dict
    suboptions:
      traffic_control_id:
        description: Id of the traffic control policy.
        type: str
        required: true
      limit:
        description: Calls this app may make per the policy's unit (C(TrafficValue)), at least 1.
        type: int
        required: true
  purge_traffic_limits:
    description:
      - With V(true), the app's entries in policies not in O(traffic_limits) are removed
        (C(DeleteTrafficSpecialControl)); with V(false) they are left as they are.
    type: bool
    default: false
  authorizations:
    description:
      - The APIs the app may call, one entry per API group and stage, as
        M(cloudapps.provision.alicloud_apigateway_app_authorization) sets them (the same options and calls).
      - Applied after the app exists, in the order given; one entry failing does not stop the next.
        The task then fails (with O(items), the item fails) naming the entry, after reporting what did apply.
      - Ignored with O(state=absent), as deleting the app removes its authorizations.
      - With O(items), each item takes its own list; items run concurrently under the vendor's rate limit
        as the apps themselves do.
      - In check mode nothing is written; for a app still to create every API is planned as added.
    type: list
    elements: dict
    suboptions:
      group_id:
        description: Id of the API group the APIs belong to.
        type: str
        required: true
      stage_name:
        description: The stage, V(RELEASE), V(PRE) or V(TEST).
        type: str
        choices: [RELEASE, PRE, TEST]
        default: RELEASE
      api_ids:
        description:
          - Ids of the APIs. Required with O(authorizations[].state=present).
          - With O(authorizations[].state=absent), the APIs to remove; when not set, every authorization of the
            app in that group and stage.
        type: list
        elements: str
      description:
        description: Description of the authorizations this entry adds.
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
        description: With V(true), the app's authorizations in that group and stage become exactly O(authorizations[].api_ids).
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
  - cloudapps.provision.credentials.alicloud
  - cloudapps.provision.attributes
  - cloudapps.provision.secret_store
  - cloudapps.provision.action_group.alicloud
notes:
  - After a create the result holds what was sent and the new C(AppId); no read-back is made, so
    RV(app.created_time) and RV(app.modified_time) appear from the next run on.
  - Deleting an app also removes its API authorisations.
  - Error codes are mapped to categories (C(Throttling*) throttled, C(SignatureDoesNotMatch),
    C(InvalidTimeStamp*), C(SignatureNonceUsed) signature, C(InvalidAccessKeyId*), C(Forbidden*),
    C(NoPermission) auth, C(InvalidParameter*), C(MissingParameter) invalid parameter, C(NotFoundApp),
    C(NotFoundResourceId) not found, C(RepeatedAppName) conflict, C(QuotaExceeded*) quota, 5xx server). C(x-acs-retry-after)
    (milliseconds) is honoured when throttled.
"""

EXAMPLES = r"""
- name: An app and the APIs it may call in production, in one task (a second run changes nothing)
  cloudapps.provision.alicloud_apigateway_app:
    name: billing_partner
    description: Billing partner
    region: cn-hangzhou
    authorizations:
      - group_id: 523e8dc7bbe04613b5b1d726c2a7889d
        stage_name: RELEASE
        api_ids:
          - baacc592e63a4cb6a41920d9d3f91f38
          - jkscc489e63a4cb6a41920d9d3f92d78
        purge: true

- name: Create an app (credentials from ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET)
  cloudapps.provision.alicloud_apigateway_app:
    name: demo_app
    description: Demo app for partner access
    tags:
      team: payments
      env: prod
    region: cn-hangzhou

- name: Create an app with a Chinese name and read its AppKey, AppSecret and AppCode
  cloudapps.provision.alicloud_apigateway_app:
    name: 测试_app
    description: "备注 ~*+!'() "
    region: cn-hangzhou
    return_secrets: true
  no_log: true
  register: app

- name: Add a tag and keep the others
  cloudapps.provision.alicloud_apigateway_app:
    name: demo_app
    tags:
      owner: alice
    purge_tags: false
    region: cn-hangzhou

- name: Set the AppSecret to a value of yours (the AppKey stays)
  cloudapps.provision.alicloud_apigateway_app:
    name: demo_app
    app_secret: "{{ vault_demo_app_secret }}"
    region: cn-hangzhou
  no_log: true

- name: Have the gateway generate a new AppSecret (rotates on every run)
  cloudapps.provision.alicloud_apigateway_app:
    name: demo_app
    rotate_secret: true
    return_secrets: true
    region: cn-hangzhou
  no_log: true
  register: rotated

- name: Disable an app
  cloudapps.provision.alicloud_apigateway_app:
    name: demo_app
    enabled: false
    region: cn-hangzhou

- name: Rename an app selected by its id
  cloudapps.provision.alicloud_apigateway_app:
    id: "110443517"
    name: demo_app_renamed
    region: cn-hangzhou

- name: Delete an app
  cloudapps.provision.alicloud_apigateway_app:
    name: demo_app_renamed
    state: absent
    region: cn-hangzhou

- name: Credentials once for every Alibaba Cloud task
  module_defaults:
    group/cloudapps.provision.alicloud:
      access_key_id: "{{ alicloud_access_key_id }}"
      access_key_secret: "{{ alicloud_access_key_secret }}"
      region: cn-hangzhou
  block:
    - name: Ensure the app exists
      cloudapps.provision.alicloud_apigateway_app:
        name: demo_app

- name: Hand the credential to Vault or OpenBao and rotate it after 90 days, the old pair kept for a week
  cloudapps.provision.alicloud_apigateway_app:
    name: fenced_app
    region: cn-hangzhou
    secret_store:
      path: "cloudapps/{vendor}/{name}"  # VAULT_ADDR and VAULT_TOKEN from the environment
    max_secret_age: 90
    previous_secret_grace: 7

- name: Limit the app in a traffic control policy, and let it call one API until mid-2027
  cloudapps.provision.alicloud_apigateway_app:
    name: fenced_app
    region: cn-hangzhou
    traffic_limits:
      - traffic_control_id: tc1f0e6c1b2d4e5f6a7b8c9d0e1f2a3b4
        limit: 60
    authorizations:
      - group_id: 523e8dc7bbe04613b5b1d726c2a7889d
        api_ids: [baacc592e63a4cb6a41920d9d3f91f38]
        expires_at: "2027-06-30T00:00:00Z"
"""

RETURN = r"""
app:
  description:
    - The app with the API's field names in snake_case. Empty after a deletion.
    - In check mode, the fields the module would set.
  returned: when O(items) is not set
  type: dict
  contains:
    app_id:
      description: Vendor id of the app (C(AppId)).
      type: int
      returned: when the app exists
      sample: 110443517
    app_name:
      description: Name of the app.
      type: str
      returned: always
      sample: demo_app
    description:
      description: Description of the app.
      type: str
      returned: when the app exists or O(description) is set
      sample: Demo app for partner access
    tags:
      description: Tags of the app.
      type: dict
      returned: when the app exists or O(tags) is set
      sample: {"team": "payments", "env": "prod"}
    extend:
      description: Extra information of the app.
      type: str
      returned: when the app exists or O(extend) is set
      sample: ""
    enabled:
      description: Whether the app is enabled (the API's C(Disabled) switch, inverted).
      type: bool
      returned: when the app exists
      sample: true
    created_time:
      description: Creation time (UTC).
      type: str
      returned: when the app was found (not right after a create)
      sample: "2024-01-15T08:30:00Z"
    modified_time:
      description: Time of the last change (UTC).
      type: str
      returned: when the app was found (not right after a create)
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
    traffic_limits:
      description: The app's entries in traffic control policies, C(traffic_control_id) and C(limit).
      type: list
      elements: dict
      returned: when O(traffic_limits) is set
      sample: [{"traffic_control_id": "tc1f0e6c1b2d4e5f6a7b8c9d0e1f2a3b4", "limit": 60}]
    app_code:
      description: The AppCode. Sensitive.
      type: str
      returned: only with O(return_secrets=true)
      sample: 3d0c9e0f8b7a4c6d9e2f1a0b3c4d5e6f
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
    - V(authorizations) when an C(authorizations) entry granted or revoked an API, V(expires_at) when it moved
      a grant's end (modules with C(authorizations)).
  returned: when O(items) is not set
  type: list
  elements: str
  sample: [description]
authorizations:
  description:
    - One entry per O(authorizations) entry, in order, with its scope (C(group_id), C(stage_name)), C(changed), C(action)
      (V(add), V(remove), V(update), V(unchanged) or V(error)), C(added) and C(removed) (API ids) and
      C(authorized) (the app's authorizations in that scope after the run), as
      M(cloudapps.provision.alicloud_apigateway_app_authorization) returns them.
    - A failed entry also has C(msg), C(error), C(not_added) and C(not_removed).
    - With O(items), each entry of RV(item_results) has its own.
    - In diff mode the diff shows each scope's API ids before and after, under C(authorizations).
  returned: when O(authorizations) is set and O(state=present)
  type: list
  elements: dict
  sample:
    - group_id: "523e8dc7bbe04613b5b1d726c2a7889d"
      stage_name: "RELEASE"
      changed: true
      action: "add"
      added: ["0e1d5e4a1b2c4d6e8f9a0b1c2d3e4f5a"]
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

from ansible_collections.cloudapps.provision.plugins.module_utils._alicloud import run_apigateway_app


def main():
    run_apigateway_app()


if __name__ == "__main__":
    main()
