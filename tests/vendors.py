# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one table of what the tests know per vendor service; every vendor table in tests/ reads it.

A new vendor is one row here. ``tests/unit/test_vendor_registry.py`` fails when a module, a
module_utils vendor file, an action group, a role list or task file, an AWX credential type or an
emulator service exists that no row names, or when a row names one that does not exist.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections

Vendor = collections.namedtuple("Vendor", [
    "key",            # the collection's name: action group, the role's run and results key, result_failures label
    "emulator",       # the emulator's service name (its state key, log and faults)
    "module_utils",   # plugins/module_utils/<this>.py declares VENDOR and the Resource
    "identity",       # the identity module
    "info",           # its info module
    "authorization",  # its authorization module, or None
    "role_list",      # the role's item list variable
    "action_group",   # meta/runtime.yml group
    "awx_credential",  # extensions/awx/credential_types/<this>
    "published_rate",  # calls per second per API the vendor publishes (what its counters enforce)
    "name_key",       # the identity's name key in module results
    "id_key",         # the identity's id key in module results
    "list_key",       # the info module's result key
    "policies",       # modules of policies its identities are bound to (a Huawei app quota)
], defaults=((),))

VENDORS = (
    Vendor("volcengine", "volcengine", "_volcengine", "volcengine_rtc_app", "volcengine_rtc_app_info", None,
           "cloud_apps_volcengine_rtc_apps", "volcengine", "volcengine.yml", 20, "app_name", "app_id", "apps"),
    Vendor("alicloud", "alibaba", "_alicloud", "alicloud_apigateway_app", "alicloud_apigateway_app_info",
           "alicloud_apigateway_app_authorization", "cloud_apps_alicloud_apigateway_apps", "alicloud", "alicloud.yml",
           50, "app_name", "app_id", "apps"),
    # The same Alibaba credentials (and AWX credential type) as CloudAPI, another service and API.
    Vendor("alicloud_apig", "apig", "_alicloud_apig", "alicloud_apig_consumer", "alicloud_apig_consumer_info",
           "alicloud_apig_consumer_authorization", "cloud_apps_alicloud_apig_consumers", "alicloud", "alicloud.yml",
           50, "name", "consumer_id", "consumers"),
    Vendor("huaweicloud", "huawei", "_huaweicloud", "huaweicloud_apig_app", "huaweicloud_apig_app_info",
           "huaweicloud_apig_app_authorization", "cloud_apps_huaweicloud_apig_apps", "huaweicloud",
           "huaweicloud.yml", 10, "name", "id", "apps", ("huaweicloud_apig_app_quota",)),
    Vendor("tencentcloud", "tencent", "_tencentcloud", "tencentcloud_apigateway_api_key",
           "tencentcloud_apigateway_api_key_info", None, "cloud_apps_tencentcloud_apigateway_api_keys", "tencentcloud",
           "tencentcloud.yml", 20, "secret_name", "access_key_id", "api_keys"),
)

BY_KEY = dict((vendor.key, vendor) for vendor in VENDORS)
BY_EMULATOR = dict((vendor.emulator, vendor) for vendor in VENDORS)
# The role's lists of policies identities are bound to (run before their identities), to their module.
# Modules of the whole collection, no vendor's: run_modules runs the vendors' modules together.
COLLECTION_MODULES = ("run_modules",)
POLICY_LISTS = {"cloud_apps_huaweicloud_apig_app_quotas": "huaweicloud_apig_app_quota"}
# The role's item lists, in the order the role runs them.
ROLE_LISTS = dict((vendor.role_list, vendor.identity) for vendor in VENDORS)
ROLE_LISTS.update(POLICY_LISTS)


def modules(vendor):
    """Every module of a vendor row."""
    return [name for name in (vendor.identity, vendor.info, vendor.authorization) + tuple(vendor.policies) if name]


def vendor_module(vendor):
    """The module_utils file of a row, imported (the collection must be importable)."""
    import importlib
    return importlib.import_module("ansible_collections.cloudapps.provision.plugins.module_utils." + vendor.module_utils)


def declared_env(declaration):
    """Every environment variable a module_utils ``VENDOR`` declaration reads."""
    names = list(declaration.region_env) + list(declaration.endpoint_env)
    for credential in declaration.credentials:
        names.extend(credential.env)
    for option in declaration.sts.options:
        names.extend(option.env)
    names.extend(declaration.sts.other_login_env)
    return names
