# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    # The action_group attribute of each vendor's modules (meta/runtime.yml action_groups), once per
    # vendor. Used as action_group.<vendor>; no doc fragment may be named like a vendor, or that
    # fragment would be loaded instead.
    DOCUMENTATION = r"""
options: {}
"""

    ALICLOUD = r"""
attributes:
  action_group:
    description: Use C(group/cloudapps.provision.alicloud) or C(group/cloudapps.provision.cloudapps) in C(module_defaults).
    support: full
    membership:
      - cloudapps.provision.alicloud
      - cloudapps.provision.cloudapps
"""

    HUAWEICLOUD = r"""
attributes:
  action_group:
    description: Use C(group/cloudapps.provision.huaweicloud) or C(group/cloudapps.provision.cloudapps) in C(module_defaults).
    support: full
    membership:
      - cloudapps.provision.huaweicloud
      - cloudapps.provision.cloudapps
"""

    TENCENTCLOUD = r"""
attributes:
  action_group:
    description: Use C(group/cloudapps.provision.tencentcloud) or C(group/cloudapps.provision.cloudapps) in C(module_defaults).
    support: full
    membership:
      - cloudapps.provision.tencentcloud
      - cloudapps.provision.cloudapps
"""

    VOLCENGINE = r"""
attributes:
  action_group:
    description: Use C(group/cloudapps.provision.volcengine) or C(group/cloudapps.provision.cloudapps) in C(module_defaults).
    support: full
    membership:
      - cloudapps.provision.volcengine
      - cloudapps.provision.cloudapps
"""
