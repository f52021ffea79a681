# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The cloud_apps role in inventory mode (cloud_apps_inventory: true) against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from tests.vendors import VENDORS

from .conftest import HUAWEI_GATEWAY, HUAWEI_INSTANCE

ROLE = "cloudapps.provision.cloud_apps"
EMULATOR_NAMES = dict((vendor.key, vendor.emulator) for vendor in VENDORS)
NAME_KEYS = dict((vendor.key, vendor.name_key) for vendor in VENDORS)
SECRET_FIELDS = ("secondary_app_key", "app_secret", "app_code", "access_key_secret")


def _seed_all(emulator):
    for vendor, emulator_name in EMULATOR_NAMES.items():
        options = {"gateway": HUAWEI_GATEWAY} if vendor == "huaweicloud" else {}
        emulator.seed(emulator_name, 2, "inv_", **options)


def _env(emulator):
    return emulator.env_all()


def _tasks(path, variable="cloud_apps_inventory_lists"):
    return [
        {"ansible.builtin.import_role": {"name": ROLE}},
        {"name": "Save the inventory", "ansible.builtin.copy": {
            "content": "{{ %s | to_json }}" % variable, "dest": path, "mode": "0600"},
         "no_log": True, "check_mode": False, "diff": False, "changed_when": False},
    ]


def _names(inventory):
    return dict((vendor, [item[NAME_KEYS[vendor]] for item in items]) for vendor, items in inventory.items())


def test_inventory_lists_every_vendor_and_changes_nothing(emulator, ansible, tmp_path):
    _seed_all(emulator)
    path = str(tmp_path / "inventory.json")
    play_vars = {
        "cloud_apps_inventory": True,
        "cloud_apps_huaweicloud_instance_id": HUAWEI_INSTANCE,
        # Items that do not exist: inventory mode must not create them.
        "cloud_apps_volcengine_rtc_apps": [{"name": "not_created"}],
        "cloud_apps_alicloud_apigateway_apps": [{"name": "not_created"}],
        "cloud_apps_huaweicloud_apig_apps": [{"name": "not_created"}],
        "cloud_apps_tencentcloud_apigateway_api_keys": [{"name": "not_created"}],
        "cloud_apps_alicloud_apig_consumers": [{"name": "not_created"}],
    }
    for check in (True, False):
        run = ansible.playbook(_tasks(path), env=_env(emulator), play_vars=play_vars, check=check, extra_args=["-vvv"])
        assert run.rc == 0, run
        with open(path) as handle:
            inventory = json.load(handle)
        assert _names(inventory) == dict((vendor, ["inv_0000", "inv_0001"]) for vendor in EMULATOR_NAMES)
        for vendor, items in inventory.items():
            for item in items:
                assert not set(SECRET_FIELDS) & set(item), (vendor, item)
        assert emulator.mutating_calls() == 0, emulator.log()
        for secret in emulator.secrets():
            assert secret not in run.stdout
        assert "changed=0" in run.stdout


def test_inventory_from_extra_vars_names_the_vendors(emulator, ansible, tmp_path):
    _seed_all(emulator)
    path = str(tmp_path / "inventory.json")
    # As typed on a command line (or an AWX survey): the flag is the string "true".
    extra = json.dumps({"cloud_apps_inventory_vendors": ["tencentcloud", "alicloud"]})
    run = ansible.playbook(_tasks(path), env=_env(emulator),
                           extra_args=["-e", "cloud_apps_inventory=true", "-e", extra])
    assert run.rc == 0, run
    with open(path) as handle:
        inventory = json.load(handle)
    assert _names(inventory) == {"alicloud": ["inv_0000", "inv_0001"], "tencentcloud": ["inv_0000", "inv_0001"]}
    assert set(e["vendor"] for e in emulator.log()) == {"alibaba", "tencent"}


def test_inventory_without_a_vendor_fails_saying_what_to_set(emulator, ansible, tmp_path):
    run = ansible.playbook(_tasks(str(tmp_path / "x.json")), env=_env(emulator),
                           play_vars={"cloud_apps_inventory": True})
    assert run.rc != 0
    assert "cloud_apps_inventory_vendors" in run.stdout
    assert emulator.calls() == 0


def test_a_failed_listing_does_not_stop_the_others_and_fails_at_the_end(emulator, ansible, tmp_path):
    _seed_all(emulator)
    emulator.faults([{"vendor": "alibaba", "action": "*", "kind": "gone", "count": -1}])
    play_vars = {"cloud_apps_inventory": True, "cloud_apps_huaweicloud_instance_id": HUAWEI_INSTANCE,
                 "cloud_apps_inventory_vendors": ["alicloud", "huaweicloud", "volcengine"]}
    run = ansible.playbook([{"ansible.builtin.import_role": {"name": ROLE}}], env=_env(emulator), play_vars=play_vars)
    assert run.rc != 0
    assert "1 listing(s) failed" in run.stdout and "alicloud" in run.stdout and "InvalidAction.NotFound" in run.stdout
    assert set(e["vendor"] for e in emulator.log()) == {"alibaba", "huawei", "volcengine"}


def test_the_string_false_from_extra_vars_provisions(emulator, ansible):
    run = ansible.playbook([{"ansible.builtin.import_role": {"name": ROLE}}], env=_env(emulator),
                           play_vars={"cloud_apps_volcengine_rtc_apps": [{"name": "made"}]},
                           extra_args=["-e", "cloud_apps_inventory=false"])
    assert run.rc == 0, run
    assert emulator.mutating_calls() == 1
