# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    # Options every module of the collection has, besides its credentials and resource fields.
    DOCUMENTATION = r"""
options:
  items:
    description:
      - Reconcile many resources in one task. Each entry is a dictionary of this module's resource
        options (O(name), O(state), O(id), O(return_secrets), O(rotate_secret), O(compare_secrets) and the
        resource fields),
        validated like the task's own options; connection options and credentials are the task's.
      - Resource options set on the task itself are the defaults of every entry.
      - Every entry is checked before any API call; two entries for the same resource are an error
        naming both positions. The vendor's resources are listed once (all pages) and every entry is
        planned against that listing, then carried out concurrently, never faster than the vendor's
        published rate limit (one client-side limiter for the whole task, retries included, that
        spaces the calls evenly a little wider than the rate).
      - One entry's failure does not stop the others. The task fails at the end, naming every failed
        entry with its error category and vendor code; RV(item_results) has every entry. (It is not
        called C(results), because Ansible reserves that key for loops and C(no_log) would not hide it.)
      - Secret values given in entries are masked in all output. Set C(no_log=true) on the task when
        O(return_secrets=true).
      - Mutually exclusive with O(name) and O(id).
    type: list
    elements: dict
  state:
    description:
      - V(present) creates the resource when no resource has O(name), and updates the mutable fields
        of an existing one in place.
      - V(absent) deletes the resource when it exists.
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - The vendor id of the resource. When set, the resource is selected by this id instead of by
        O(name), and O(name) becomes a field that is compared (and changed where the vendor allows
        renaming).
    type: str
  return_secrets:
    description:
      - Return secret material (keys, secrets, codes) of the resource in the result.
      - Secrets are left out by default; the vendor lets them be read again at any time.
      - Set C(no_log=true) on a task that sets this, so the secrets do not reach logs.
    type: bool
    default: false
  rotate_secret:
    description:
      - Regenerate the resource's secret now, where the vendor has an API for it. This is an action,
        not a state, like C(rotate_keys) of amazon.aws modules. Every run with V(true) rotates once and
        reports C(changed).
      - In check mode the task reports C(changed) and calls nothing.
      - The new secret is returned only with O(return_secrets=true); in C(--diff) it shows as changed, masked.
      - Ignored when the resource is created in this run (a new resource already has a fresh secret)
        and with O(state=absent).
      - Cannot be combined with the option that sets the secret to a value of yours (for example
        O(ignore:app_secret)); changing that value is how a secret of your own is rotated.
      - "How each vendor rotates: Alibaba API Gateway apps get a new generated key pair (C(CreateAppKey);
        a new AppKey and AppSecret), the previous pair staying valid for O(previous_secret_grace) days;
        Huawei resets the app secret and Tencent the key's secret (C(UpdateApiKey)), a cut: the old
        secret stops working at once; Alibaba APIG consumers get new generated credentials next to the
        previous ones (O(previous_secret_grace))."
    type: bool
    default: false
  max_secret_age:
    description:
      - Rotate the secret (as O(rotate_secret) does) when the vendor says it was made more than this
        many days ago; security audits commonly ask for 90. The result's RV(ignore:rotate_reason) then
        reads, for example, C(age 97 d > 90), and a plan (check mode) shows it.
      - "The age comes from the vendor: Alibaba, the newest key pair's C(CreatedTime) or C(ModifiedTime)
        (C(DescribeAppSecurities), one read per app); Tencent, the key's C(ModifiedTime) (also set when
        the key is enabled or disabled); Huawei, the app's C(update_time) (also set by any other change
        of the app); Alibaba APIG, the consumer's C(updateTimestamp), as the API gives no time per
        credential (also set by any other change of the consumer). A change other than a rotation thus
        makes the secret look younger: the rotation comes later, never twice."
      - Refused before any call where the vendor cannot rotate (Volcengine), and with an option that
        sets the secret to your value.
    type: int
  previous_secret_grace:
    description:
      - Where the vendor keeps several credentials, a rotation adds a new one and keeps the previous one
        valid for this many days, so whoever signs with it can switch without an outage; a later run
        past the grace removes it. V(0) removes it at once.
      - "Alibaba API Gateway apps: a new key pair (C(CreateAppKey)); past the grace C(DeleteAppKey), and
        RV(ignore:changed_fields) names V(previous_app_keys); the grace counts from the newest pair's
        time. Alibaba APIG consumers: a new generated API key (or AK/SK pair) next to the newest
        previous one (C(UpdateConsumer)); past the grace only the newest stays, and
        RV(ignore:changed_fields) names V(api_key) or V(ak_sk); the grace counts from the consumer's
        update time."
      - During the grace O(secret_store) also holds the previous credential (C(previous_AppKey) and
        C(previous_AppSecret); C(previous_apikey), or C(previous_ak) and C(previous_sk)).
      - Huawei and Tencent keep one secret per identity, so a rotation there is a cut, whatever this
        says; move the signers right after it.
    type: int
    default: 7
  compare_secrets:
    description:
      - With V(false), a secret given in the options (for example O(ignore:app_secret)) that the vendor's
        listing does not return is not read, compared or changed on an existing resource; it is still set
        when the resource is created. No secret-reading call (Alibaba C(DescribeAppSecurity), Tencent
        C(DescribeApiKey)) is made for the comparison, which is what a plan report wants.
      - Secrets the listing returns anyway (Huawei, Tencent) are still compared.
    type: bool
    default: true
notes:
  - A create call whose answer is lost (network error, server error) is never repeated blindly; the
    module looks the resource up by name first and uses the one that was created.
"""
