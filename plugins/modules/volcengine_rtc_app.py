#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: volcengine_rtc_app
short_description: Manage Volcengine RTC apps (AppId and AppKey)
version_added: 0.1.0
description:
  - Creates a Volcengine Real-Time Communication (RTC) application, or enables or disables an existing one,
    through the RTC OpenAPI (C(CreateApp), C(ListApps), C(ModifyAppStatus), version C(2023-11-01)).
  - The app is found by its name (O(name)) or by its AppId (O(id)). A run that changes nothing makes a
    single C(ListApps) call.
  - B(The RTC API cannot delete an app.) O(state=absent) disables the app instead and warns that its
    AppId still exists and still counts against the quota of 100 apps per account; see the notes.
author:
  - cloudapps.provision contributors (@cloudapps)
options:
  name:
    description:
      - Required unless O(items) is given.
      - Name of the app (C(AppName)) and its identity when O(id) is not set.
      - 1 to 24 characters, each a CJK character, an ASCII letter, a digit or an underscore (for example V(测试_app)).
      - The API cannot rename an app. With O(id), O(name) must equal the app's current name.
      - Names are not unique on Volcengine; when more than one app has O(name) the module fails and lists
        their AppIds, so that one can be picked with O(id).
    type: str
  enabled:
    description:
      - Whether the app is enabled (users can join its rooms). Changed with C(ModifyAppStatus).
      - When not set, an existing app keeps its status and a new app starts enabled.
      - Disabling stops new users from joining rooms; users already in a room stay. Volcengine says the change
        takes about a minute to apply, so a run right after a change may still see the old status.
      - Only the status C(98) (disabled) counts as disabled. An app being created (status C(0)) or suspended for
        arrears (status C(6)) counts as enabled; the module warns about arrears, which only paying can lift.
    type: bool
  project_name:
    description:
      - The Volcengine IAM project the app is in (IAM policies are granted per project). When set, the app
        is looked for in that project only (C(ListApps) C(ProjectName)), so the same name may exist in other
        projects.
      - The API cannot create an app in a project (C(CreateApp) takes only C(AppName)); an app that is not in
        the project yet fails the task before any write, saying to create it without O(project_name) and to
        move it in the console.
      - When not set, apps of every project are considered and a new app goes to the C(default) project.
    type: str
extends_documentation_fragment:
  - cloudapps.provision.common
  - cloudapps.provision.connection
  - cloudapps.provision.credentials.volcengine
  - cloudapps.provision.attributes
  - cloudapps.provision.secret_store
  - cloudapps.provision.action_group.volcengine
notes:
  - B(No deletion.) Volcengine offers no API to delete an RTC app. With O(state=absent) the module disables
    the app when it is enabled (the task reports C(changed) only then) and returns it in RV(app), still existing with
    RV(app.enabled=false). A warning says that the AppId still exists and still counts against the account
    quota of 100 apps. A disabled app can be enabled again with O(state=present) and O(enabled=true).
  - C(CreateApp) takes no idempotency token. If its answer is lost, the module lists the apps again before
    creating, so a lost answer does not create a second app.
  - The API offers no rename and no AppKey rotation; the only change in place is the status (O(enabled)).
    O(rotate_secret=true) fails before any call; rotate in the RTC console instead (enable the secondary AppKey,
    move the clients to it, then swap the keys).
  - The RTC console (not the API) can delete an app once it is disabled; the module never deletes one.
  - The AppKey and the SecondaryAppKey are returned by C(ListApps), so O(return_secrets=true) costs no extra call.
seealso:
  - name: Volcengine RTC OpenAPI
    description: The RTC server-side API reference (CreateApp, ListApps, ModifyAppStatus).
    link: https://www.volcengine.com/docs/6348/1186713
"""

EXAMPLES = r"""
- name: Create an RTC app (credentials from VOLCENGINE_ACCESS_KEY / VOLCENGINE_SECRET_KEY)
  cloudapps.provision.volcengine_rtc_app:
    name: demo_app
  register: rtc

- name: Show the AppId
  ansible.builtin.debug:
    msg: "AppId {{ rtc.app.app_id }}"

- name: Create an app with a Chinese name, passing credentials, and read its AppKey
  cloudapps.provision.volcengine_rtc_app:
    name: 测试_app
    access_key: "{{ volcengine_access_key }}"
    secret_key: "{{ volcengine_secret_key }}"
    return_secrets: true
  no_log: true
  register: rtc_with_keys

- name: Disable an app selected by its AppId (the name must match the app's name)
  cloudapps.provision.volcengine_rtc_app:
    id: 5f0c2b9e8d7a6b5c4d3e2f10
    name: demo_app
    enabled: false

- name: "Retire an app: the API cannot delete it, so it is disabled and still counts against the quota"
  cloudapps.provision.volcengine_rtc_app:
    name: demo_app
    state: absent

- name: Set the connection once for every Volcengine task
  module_defaults:
    group/cloudapps.provision.volcengine:
      access_key: "{{ volcengine_access_key }}"
      secret_key: "{{ volcengine_secret_key }}"
  block:
    - name: Make sure the app exists and is enabled
      cloudapps.provision.volcengine_rtc_app:
        name: demo_app
        enabled: true
"""

RETURN = r"""
app:
  description:
    - The app after the run (in check mode, as it would be). Empty when no app exists and O(state=absent).
    - With O(state=absent) an existing app is still returned, disabled, because the API cannot delete it.
    - In check mode, an app that would be created has only RV(app.app_name) and RV(app.enabled) (if set).
  returned: when O(items) is not set
  type: dict
  contains:
    app_id:
      description: The AppId.
      returned: when the app exists
      type: str
      sample: 5f0c2b9e8d7a6b5c4d3e2f10
    app_name:
      description: The AppName.
      returned: always
      type: str
      sample: demo_app
    create_at:
      description: Creation time (C(CreateAt) of C(ListApps), C(CreateDate) of C(CreateApp)).
      returned: when the app exists
      type: str
      sample: "2024-01-15T08:30:00Z"
    status:
      description:
        - The vendor status code. V(0) being created, V(1) running, V(6) suspended for arrears, V(98) disabled.
        - After a change it is the status the module asked for; Volcengine applies it within about a minute.
      returned: when the app exists
      type: int
      sample: 1
    enabled:
      description: Derived from RV(app.status), V(false) only for V(98) (disabled); see O(enabled).
      returned: when the app exists
      type: bool
      sample: true
    project_name:
      description: The project the app is in (O(project_name), which the listing was filtered by).
      returned: when O(project_name) is set and the app exists
      type: str
      sample: default
    app_key:
      description:
        - The primary AppKey, used to sign RTC tokens. Sensitive.
        - Returned only with O(return_secrets=true).
      returned: when the app exists and O(return_secrets=true)
      type: str
      sample: 0123456789abcdef0123456789abcdef
    secondary_app_key:
      description:
        - The secondary AppKey. Sensitive.
        - Returned only with O(return_secrets=true).
      returned: when the app exists and O(return_secrets=true)
      type: str
      sample: fedcba9876543210fedcba9876543210
action:
  description:
    - What the module did, or would do in check mode, to the resource.
    - V(create), V(update), V(delete), V(unchanged), or V(error) when the task fails because a field cannot be
      changed in place.
    - The RTC API cannot delete an app, so V(delete) means the app was disabled.
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
  description: The Volcengine request ids (C(ResponseMetadata.RequestId)) of the calls made, for support tickets.
  returned: always
  type: list
  elements: str
  sample: ["20240115083000F1E2D3C4B5A6978812"]
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

from ansible_collections.cloudapps.provision.plugins.module_utils._volcengine import run_rtc_app


def main():
    run_rtc_app()


if __name__ == "__main__":
    main()
