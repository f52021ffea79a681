# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    # Which Huawei gateway the apps are on: every Huawei module has these options.
    DOCUMENTATION = r"""
options:
  instance_id:
    description:
      - Id of the dedicated gateway instance the apps live on (v2 API). O(project_id) is then required.
      - Required unless O(shared_gateway=true).
    type: str
  shared_gateway:
    description:
      - Use the apps of the shared gateway (v1.0 API) instead of a dedicated one.
      - The shared gateway is for existing users only and is being retired; new accounts have only
        dedicated gateways. Migrate with Huawei's best practice "Migrating from the shared gateway to a
        dedicated gateway", then set O(instance_id) instead.
      - Cannot be V(true) together with O(instance_id).
    type: bool
    default: false
"""
