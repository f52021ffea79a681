# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    # The filters, attributes and guarantees every info module of the collection shares. (The
    # attributes are here: a fragment variable "attributes.info" would resolve to this fragment.)
    DOCUMENTATION = r"""
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details: The module only reads, so it runs the same way in check mode.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: none
options:
  name:
    description:
      - Only the resource with exactly this name (case-sensitive).
      - Not checked against the vendor's current naming rule, so that older resources can still be found.
    type: str
  name_prefix:
    description:
      - Only resources whose name starts with this string (case-sensitive).
      - Where the vendor's own name filter is a fuzzy match it narrows the listing, and the prefix is
        then checked exactly by the module.
    type: str
  id:
    description:
      - Only the resource with this vendor id. It is looked up directly instead of listing every resource.
    type: str
  return_secrets:
    description:
      - Add the secret material (keys, secrets, codes) of each resource to the result.
      - Where the vendor's listing does not return it, this costs one read per resource listed, and only then.
      - Set C(no_log=true) on a task that sets this, so the secrets do not reach logs.
    type: bool
    default: false
  list_credentials:
    description:
      - Add C(credentials) to each resource - one entry per credential with C(handle), C(created) and
        C(age_days), and its secret fields (under the vendor's names) only with O(return_secrets=true).
      - C(handle) identifies the credential without revealing secret material - a public id where the
        vendor treats it as one (Tencent's AccessKeyId, Huawei's AppKey, an APIG AK), else C(sha256:) and
        16 hex digits of the value (Alibaba's and Volcengine's AppKey, an APIG API key).
      - "C(created) is the vendor's time: Alibaba, each key pair's (one C(DescribeAppSecurities) per app);
        Tencent, the key's C(ModifiedTime); Huawei, the app's C(update_time); Volcengine, the app's
        creation (its keys cannot be rotated through the API). Alibaba APIG gives no time per
        credential: C(created) and C(age_days) are null there."
    type: bool
    default: false
  list_fences:
    description:
      - Add each resource's fences where the vendor has them - an Alibaba app's C(traffic_limits) (its
        entries in traffic control policies, one C(DescribeTrafficControls) listing for the whole task)
        and a Huawei app's C(acl) and C(quota) on a dedicated gateway (two reads per app, one quota listing).
        Other vendors have none
        here and return what they return without it.
    type: bool
    default: false
  list_authorizations:
    description:
      - Add C(authorizations) to each identity - every API it may call, in any group, stage or environment,
        as the identity's authorization module lists them, each with C(expires_at) (V("") for no end) and
        C(expired) (its end has passed). One listing per identity (Alibaba C(DescribeAuthorizedApis), APIG
        C(QueryConsumerAuthorizationRules), Huawei C(ListApisBindedToApp) on a dedicated gateway).
      - "Find the grants that ended with
        C(selectattr('authorizations') | map(attribute='authorizations') | flatten | selectattr('expired'))."
      - Volcengine RTC apps, Tencent API keys and apps of Huawei's shared gateway have no authorizations
        here and are returned without them.
    type: bool
    default: false
  older_than_days:
    description:
      - Only resources with a credential older than this many days, with C(credentials) as
        O(list_credentials) adds them. A credential whose age the vendor does not give never matches.
      - What C(max_secret_age) of the identity modules would rotate, read-only.
    type: int
notes:
  - Filters are combined; a resource is returned only when it matches every filter given.
    Without filters every resource is returned.
  - Resources are listed with the vendor's largest page size, so N resources cost ceil(N / page size) calls.
  - The result is sorted by name, then id, so two runs over the same resources return the same list.
  - Nothing is changed; the module makes read calls only and reports C(changed=false), also in check mode.
  - A failed read fails the task with the error category, the vendor's code and the request id.
"""
