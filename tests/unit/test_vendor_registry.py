# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The vendor registry (tests/vendors.py) names every place a vendor lives, and nothing else.

Adding a vendor and forgetting one of its places (CONTRIBUTING.md lists them) fails here: a module
no row names, a row naming a missing file, a role list without its tasks, an action group, an AWX
credential type or an emulator service out of step.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re

import pytest
import yaml

from tests.emulator import common as emulator_common
from tests.vendors import COLLECTION_MODULES, VENDORS, modules, vendor_module, POLICY_LISTS

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ROLE = os.path.join(REPO, "roles", "cloud_apps")
# Role task files that are not one vendor's.
ROLE_SHARED_TASKS = {"main.yml", "inventory.yml"}


def read(*parts):
    with open(os.path.join(REPO, *parts), encoding="utf-8") as handle:
        return handle.read()


def files(*parts):
    return sorted(os.listdir(os.path.join(REPO, *parts)))


def test_every_module_belongs_to_one_vendor_row():
    shipped = sorted(name[:-3] for name in files("plugins", "modules") if name.endswith(".py") and name != "__init__.py")
    named = sorted([name for vendor in VENDORS for name in modules(vendor)] + list(COLLECTION_MODULES))
    assert named == shipped


def test_every_vendor_file_in_module_utils_is_a_row():
    declaring = sorted(name[:-3] for name in files("plugins", "module_utils") if name.endswith(".py")
                       and re.search(r"^VENDOR = Vendor\(", read("plugins", "module_utils", name), re.M))
    assert declaring == sorted(vendor.module_utils for vendor in VENDORS)


@pytest.mark.parametrize("vendor", VENDORS, ids=[vendor.key for vendor in VENDORS])
def test_the_client_side_limiter_stays_within_the_published_rate(vendor):
    assert 0 < vendor_module(vendor).VENDOR.rate_limit <= vendor.published_rate


def test_action_groups_are_the_rows_modules():
    groups = yaml.safe_load(read("meta", "runtime.yml"))["action_groups"]
    expected = {}
    for vendor in VENDORS:
        expected.setdefault(vendor.action_group, []).extend(modules(vendor))
    expected["cloudapps"] = [name for vendor in VENDORS for name in modules(vendor)]
    assert dict((group, sorted(names)) for group, names in groups.items()) == \
        dict((group, sorted(names)) for group, names in expected.items())
    fragment = read("plugins", "doc_fragments", "action_group.py")
    for group in set(vendor.action_group for vendor in VENDORS):
        assert "\n    %s = r" % group.upper() in fragment, "doc fragment action_group has no %s" % group.upper()


def test_role_item_lists_are_the_rows_lists_both_ways():
    options = yaml.safe_load(read("roles", "cloud_apps", "meta", "argument_specs.yml"))["argument_specs"]["main"]["options"]
    item_lists = sorted(name for name, spec in options.items()
                        if spec.get("type") == "list" and spec.get("elements") == "dict" and "name" in (spec.get("options") or {}))
    assert item_lists == sorted([vendor.role_list for vendor in VENDORS] + list(POLICY_LISTS))
    assert sorted(POLICY_LISTS.values()) == sorted(name for vendor in VENDORS for name in vendor.policies)
    defaults = yaml.safe_load(read("roles", "cloud_apps", "defaults", "main.yml"))
    main = read("roles", "cloud_apps", "tasks", "main.yml")
    for vendor in VENDORS:
        assert defaults.get(vendor.role_list) == [], "defaults/main.yml: %s must default to []" % vendor.role_list
        assert main.count(vendor.role_list) >= 2, "tasks/main.yml neither runs nor reports %s" % vendor.role_list
        assert "cloud_apps_%s_connection:" % vendor.key in read("roles", "cloud_apps", "vars", "main.yml")


def test_role_runs_every_row_and_records_it():
    """One task runs every vendor (run_modules): vars/main.yml has a run of the row's identity module
    under the row's key, its records entry files results under that key with the row's id key, and
    the role's inventory lists it with the row's info module."""
    assert files("roles", "cloud_apps", "tasks") == sorted(ROLE_SHARED_TASKS | set(
        name for name in files("roles", "cloud_apps", "tasks") if name.startswith("inventory_")))
    variables = yaml.safe_load(read("roles", "cloud_apps", "vars", "main.yml"))
    runs = variables["cloud_apps_runs"]
    for vendor in VENDORS:
        assert "{'name': '%s', 'module': '%s'," % (vendor.key, vendor.identity) in runs, vendor.key
        assert variables["cloud_apps_records"][vendor.key] == {"key": vendor.key, "kind": vendor.list_key[:-1],
                                                               "id_key": vendor.id_key}
    for role_list, module in POLICY_LISTS.items():
        assert "'module': '%s'," % module in runs and role_list in runs
    inventory = read("roles", "cloud_apps", "tasks", "inventory.yml") + "".join(
        read("roles", "cloud_apps", "tasks", name) for name in files("roles", "cloud_apps", "tasks")
        if name.startswith("inventory_"))
    for vendor in VENDORS:
        assert "cloudapps.provision.%s:" % vendor.info in inventory, "the role's inventory does not list %s" % vendor.key


def test_awx_credential_types_are_the_rows():
    # Besides the vendors', one for the secret store (tests/unit/test_declarations_agree.py checks it).
    assert files("extensions", "awx", "credential_types") == sorted(
        set(vendor.awx_credential for vendor in VENDORS) | set(["secret_store.yml"]))


def test_emulator_serves_every_row():
    assert sorted(emulator_common.VENDORS) == sorted(vendor.emulator for vendor in VENDORS)
    for vendor in VENDORS:
        assert os.path.isfile(os.path.join(REPO, "tests", "emulator", vendor.emulator + ".py"))
        # The official SDK client against the emulator's answers.
        assert os.path.isfile(os.path.join(REPO, "tests", "unit", "emulator", "test_%s_sdk.py" % vendor.emulator))


def test_every_module_with_an_emulator_has_integration_tests():
    for vendor in VENDORS:
        for name in modules(vendor):
            if name != vendor.info:  # info modules share tests/integration/test_info_modules.py
                assert os.path.isfile(os.path.join(REPO, "tests", "integration", "test_%s.py" % name)), name
        assert vendor.info in read("tests", "integration", "test_info_modules.py")


def test_readme_and_docs_name_every_identity_module():
    readme = read("README.md")
    for vendor in VENDORS:
        for name in modules(vendor):
            assert "cloudapps.provision.%s" % name in readme or "`%s`" % name in readme, \
                "README.md does not name %s" % name


def test_every_vendor_file_has_its_requests_verified_with_the_official_sdk():
    wire = read("tests", "unit", "plugins", "module_utils", "test_wire_vs_sdk.py")
    for vendor in VENDORS:
        assert "def test_%s_requests_pass_the_sdk_signer(" % vendor.emulator in wire, vendor.key
        # The vendor file is exercised by the unit tests directly, not only through the modules.
        assert "module_utils.%s import" % vendor.module_utils in wire or \
            re.search(r"module_utils import \([^)]*\b%s\b" % vendor.module_utils, wire), vendor.key


def test_run_modules_runs_every_reconciling_module_in_one_process():
    """run_modules runs the role's modules (each row's identity module and the policy modules), each
    through the body its own module file calls."""
    from ansible_collections.cloudapps.provision.plugins.module_utils._run_modules import RUNNABLE
    from ansible_collections.cloudapps.provision.plugins.module_utils._together import BODIES
    expected = sorted([vendor.identity for vendor in VENDORS] + list(POLICY_LISTS.values()))
    assert sorted(RUNNABLE) == expected and sorted(BODIES) == expected
    for name, load in BODIES.items():
        assert "\n    %s()\n" % load().__name__ in read("plugins", "modules", name + ".py"), name
