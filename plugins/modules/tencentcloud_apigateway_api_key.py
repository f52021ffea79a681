#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: tencentcloud_apigateway_api_key
short_description: Manage Tencent Cloud API Gateway API keys
version_added: 0.1.0
deprecated:
  removed_in: 1.0.0
  why: >-
    Tencent Cloud API Gateway stopped selling in 2024 and is being switched off in batches from
    2026-10-30, console and APIs together (Tencent announcement 2475, product doc 628/60529).
  alternative: >-
    None in this collection. Keep using this module only until your account's shutdown batch
    goes; then move the APIs to the gateway product Tencent recommends in its migration notice.
description:
  - B(Tencent Cloud API Gateway is being switched off in batches since 2026-10-30), console and APIs
    together (Tencent announcement 2475). This module is deprecated and kept for accounts whose batch
    has not gone yet. A call that fails because the service or action is gone (an unknown action,
    an unsupported operation, an endpoint that no longer resolves) says so in its error.
  - Create, enable, disable, rotate and delete an API key pair (C(AccessKeyId) and C(AccessKeySecret))
    of Tencent Cloud API Gateway (API version 2018-08-08), the identity that calls APIs protected by
    key-pair authentication.
  - The key is found by O(name) (its C(SecretName)) with one filtered C(DescribeApiKeysStatus) call and
    an exact comparison, or by O(id) (its C(AccessKeyId)).
  - The name, the key type and the AccessKeyId cannot be changed in place; a difference fails the task
    and names the field. Only the secret of a V(manual) key (C(UpdateApiKey)) and the status
    (C(EnableApiKey), C(DisableApiKey)) are updated in place.
  - O(state=absent) disables an enabled key first, as the API only deletes disabled keys, then deletes it.
  - Requests are signed with TC3-HMAC-SHA256 and sent as C(POST /) with a JSON body, like the official SDK.
author:
  - cloudapps.provision contributors (@cloudapps)
options:
  name:
    description:
      - Required unless O(items) is given.
      - The key's name (C(SecretName)), its identity when O(id) is not set.
      - At most 50 characters, ASCII letters, digits and underscores; a V(manual) key's name may also
        contain C(-) (Tencent's console guide for keys, product doc 628/11816). Anything else fails
        before any API call.
      - Names are not unique on the vendor side; more than one key with O(name) fails the task and
        lists their ids (select one with O(id)).
      - The API cannot rename a key. With O(id), a O(name) different from the key's fails the task.
    type: str
    aliases: [secret_name]
  key_type:
    description:
      - V(auto) lets the gateway generate the AccessKeyId and the AccessKeySecret.
      - V(manual) uses O(access_key_id) and O(access_key_secret), both then required.
      - Cannot be changed once the key exists.
    type: str
    choices: [auto, manual]
    default: auto
    aliases: [access_key_type]
  access_key_id:
    description:
      - The AccessKeyId of a V(manual) key, 5 to 50 letters, digits or underscores. Not allowed with V(auto).
      - Cannot be changed once the key exists. It is an identifier, not a secret, and is always returned.
    type: str
  access_key_secret:
    description:
      - The AccessKeySecret of a V(manual) key, 10 to 50 letters, digits or underscores. Not allowed with V(auto).
      - When it differs from the key's current secret, the secret is replaced (rotated) with C(UpdateApiKey);
        the AccessKeyId stays.
      - The gateway rotates only enabled keys. With O(enabled=true) a disabled key is enabled first; with
        O(enabled=false) the secret is rotated before the key is disabled. A disabled key is never enabled
        behind the user's back; rotating one without O(enabled=true) fails with the vendor's error.
      - To have the gateway generate a new secret for a V(auto) key, use O(rotate_secret=true)
        (C(UpdateApiKey) without a secret); the same rules about enabled keys apply.
    type: str
  enabled:
    description:
      - V(true) enables the key (C(Status) 1), V(false) disables it (C(Status) 0).
      - When not set, a new key is left as the API creates it (enabled) and an existing key keeps its status.
    type: bool
extends_documentation_fragment:
  - cloudapps.provision.common
  - cloudapps.provision.connection
  - cloudapps.provision.credentials.tencentcloud
  - cloudapps.provision.attributes
  - cloudapps.provision.secret_store
  - cloudapps.provision.action_group.tencentcloud
notes:
  - A key that is already gone when the delete call arrives (C(ResourceNotFound)) counts as deleted.
  - A key bound to a usage plan may have to be unbound before it can be deleted; the vendor error is shown then.
  - Error messages are requested in English (C(X-TC-Language=en-US)).
  - Error codes are mapped to categories; for example C(RequestLimitExceeded) is throttling (retried with
    backoff), C(AuthFailure.SignatureExpire) a clock problem, C(LimitExceeded.ApiKeyCountLimitExceeded) a
    quota and C(FailedOperation.AccessKeyExist) (a manual AccessKeyId already in use) a conflict.
seealso:
  - name: CreateApiKey API reference
    description: Tencent Cloud API Gateway API reference for CreateApiKey.
    link: https://www.tencentcloud.com/document/product/628/36639
"""

EXAMPLES = r"""
- name: Create an API key (credentials from TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY)
  cloudapps.provision.tencentcloud_apigateway_api_key:
    name: demo_key
    region: ap-guangzhou

- name: Create an API key and read its secret
  cloudapps.provision.tencentcloud_apigateway_api_key:
    name: 测试_key
    region: ap-guangzhou
    return_secrets: true
  no_log: true
  register: api_key

- name: Create a manual key pair, or rotate its secret when the vault value changed
  cloudapps.provision.tencentcloud_apigateway_api_key:
    name: partner_key
    key_type: manual
    access_key_id: partner_key_0001
    access_key_secret: "{{ vault_partner_key_secret }}"
    region: ap-guangzhou
  no_log: true

- name: Disable a key selected by its AccessKeyId
  cloudapps.provision.tencentcloud_apigateway_api_key:
    id: AKIDexample0123456789
    name: demo_key
    enabled: false
    region: ap-guangzhou

- name: Delete a key (disabled first when enabled)
  cloudapps.provision.tencentcloud_apigateway_api_key:
    name: demo_key
    state: absent
    region: ap-guangzhou

- name: Credentials once for every Tencent Cloud task
  module_defaults:
    group/cloudapps.provision.tencentcloud:
      secret_id: "{{ tencent_secret_id }}"
      secret_key: "{{ tencent_secret_key }}"
      region: ap-guangzhou
  block:
    - name: Ensure the key exists and is enabled
      cloudapps.provision.tencentcloud_apigateway_api_key:
        name: demo_key
        enabled: true
"""

RETURN = r"""
api_key:
  description:
    - The API key with the vendor's fields in snake_case, plus RV(api_key.enabled). Empty after a deletion.
    - In check mode, the fields the module would set.
  returned: when O(items) is not set
  type: dict
  contains:
    access_key_id:
      description: The AccessKeyId, the key's vendor id. Not a secret.
      type: str
      returned: when the key exists
      sample: AKIDexample0123456789
    access_key_secret:
      description:
        - The AccessKeySecret. Sensitive.
        - Returned only with O(return_secrets=true).
      type: str
      returned: with return_secrets
      sample: examplesecret0123456789
    access_key_type:
      description: V(auto) or V(manual).
      type: str
      returned: when the key exists
      sample: auto
    secret_name:
      description: The key's name.
      type: str
      returned: when the key exists
      sample: demo_key
    status:
      description: C(1) enabled, C(0) disabled.
      type: int
      returned: when the key exists
      sample: 1
    enabled:
      description: Whether the key is enabled (RV(api_key.status) is not C(0)).
      type: bool
      returned: when the key exists
      sample: true
    created_time:
      description: Creation time, ISO 8601 UTC.
      type: str
      returned: when the key exists
      sample: "2026-01-02T03:04:05Z"
    modified_time:
      description: Last modification time, ISO 8601 UTC.
      type: str
      returned: when the key exists
      sample: "2026-01-02T03:04:05Z"
    tags:
      description: Tags of the key, as a list of C(key) / C(value) pairs.
      type: list
      elements: dict
      returned: when the API returns them
      sample: []
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
    api_key:
      description: The resource after the run, with the keys of RV(api_key).
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
  description: Tencent Cloud request ids (C(Response.RequestId)) of the calls made, for support tickets.
  returned: always
  type: list
  elements: str
  sample: [ad5218b4-edc3-4195-ba4d-a0ef176783ba]
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

from ansible_collections.cloudapps.provision.plugins.module_utils._tencentcloud import run_api_key


def main():
    run_api_key()


if __name__ == "__main__":
    main()
