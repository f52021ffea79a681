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
notes:
  - Filters are combined; a resource is returned only when it matches every filter given.
    Without filters every resource is returned.
  - Resources are listed with the vendor's largest page size, so N resources cost ceil(N / page size) calls.
  - The result is sorted by name, then id, so two runs over the same resources return the same list.
  - Nothing is changed; the module makes read calls only and reports C(changed=false), also in check mode.
  - A failed read fails the task with the error category, the vendor's code and the request id.
"""
