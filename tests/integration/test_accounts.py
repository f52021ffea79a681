# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/accounts.yml over an inventory of three accounts in two regions (a region is another
emulator): every identity is made in its own account and region, and nowhere else."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import pytest
import yaml

from tests.emulator import sts
from tests.vendors import VENDORS

from .conftest import HUAWEI_INSTANCE, HUAWEI_PROJECT, REPO, start_emulator, stop_emulator
from .test_assume_role import identities, role

ACCOUNTS_PLAYBOOK = os.path.join(REPO, "playbooks", "accounts.yml")
NAMES = ["billing_api", "search_api"]
# Each role variable of assume_role, by the emulator service its module talks to.
ROLE_VARIABLE = {"volcengine": "volcengine", "alibaba": "alicloud", "apig": "alicloud", "huawei": "huaweicloud",
                 "tencent": "tencentcloud"}


@pytest.fixture
def second_region(tmp_path):
    process, server = start_emulator(tmp_path)
    yield server
    stop_emulator(process)


def region_vars(emulator, region):
    """What points every vendor of one region at its emulator."""
    found = dict(("cloud_apps_%s_endpoint" % key, emulator.base_url)
                 for key in ("volcengine", "alicloud", "alicloud_apig", "huaweicloud", "tencentcloud"))
    found.update(cloud_apps_alicloud_region=region["alicloud"], cloud_apps_huaweicloud_region=region["huaweicloud"],
                 cloud_apps_tencentcloud_region=region["tencentcloud"])
    return found


def host_vars(emulator, account):
    """The roles to assume in ``account``, through the STS of the host's region."""
    found = {}
    for service, variable in ROLE_VARIABLE.items():
        found["cloud_apps_%s_assume_role" % variable] = role(service, account, endpoint=emulator.base_url)
    return found


def inventory(tmp_path, regions, names=tuple(NAMES)):
    groups = {}
    for label, (emulator, region) in regions.items():
        hosts = dict(("acct%s_%s" % (account[-1], label), host_vars(emulator, account)) for account in sts.ACCOUNTS)
        groups["region_" + label] = {"hosts": hosts, "vars": region_vars(emulator, region)}
    lists = dict((vendor.role_list, [{"name": name} for name in names]) for vendor in VENDORS)
    lists.update(cloud_apps_huaweicloud_instance_id=HUAWEI_INSTANCE, cloud_apps_huaweicloud_project_id=HUAWEI_PROJECT)
    path = os.path.join(str(tmp_path), "accounts.yml")
    with open(path, "w") as handle:
        yaml.safe_dump({"all": {"children": {"cloud_accounts": {"children": groups, "vars": lists}}}}, handle)
    return path


def test_three_accounts_in_two_regions_each_get_their_own_identities(emulator, second_region, ansible, tmp_path):
    regions = {"a": (emulator, {"alicloud": "cn-hangzhou", "huaweicloud": "cn-north-4", "tencentcloud": "ap-guangzhou"}),
               "b": (second_region, {"alicloud": "cn-shanghai", "huaweicloud": "cn-east-3", "tencentcloud": "ap-shanghai"})}
    argv = [os.path.join(ansible.bindir, "ansible-playbook"), "-i", inventory(tmp_path, regions), ACCOUNTS_PLAYBOOK,
            "-f", "6"]
    # Only the base credential comes from the environment: endpoints and roles are the hosts'.
    base = dict((name, value) for name, value in emulator.env_all().items() if "ENDPOINT" not in name)
    run = ansible._run(argv, base)
    assert run.rc == 0, run
    lines = sorted(e["result"]["msg"] for e in run.results if e["task"] == "Show what this account and region did")
    assert lines == sorted("acct%s_%s: 10 items, 10 changed" % (n, r) for n in "123" for r in "ab")
    for server, dummy in regions.values():
        state = server.state()
        for service in ROLE_VARIABLE:
            # In every account of every region, exactly this host's identities; none in the base account.
            for account in sts.ACCOUNTS:
                assert identities(state["accounts"][account][service], service) == NAMES, (server.base_url, account)
            assert identities(state[service], service) == []
        # One STS call per account and run: five runs (Alibaba's two gateways assume apart).
        assert len(server.sessions()) == 3 * 5
    writes = [server.mutating_calls() for server, dummy in regions.values()]
    again = ansible._run(argv, base)
    assert again.rc == 0, again
    lines = sorted(e["result"]["msg"] for e in again.results if e["task"] == "Show what this account and region did")
    assert lines == sorted("acct%s_%s: 10 items, 0 changed" % (n, r) for n in "123" for r in "ab")
    assert [server.mutating_calls() for server, dummy in regions.values()] == writes


def test_the_readme_inventory_runs_as_written(emulator, ansible, tmp_path):
    """README "Many accounts and regions": its inventory, against the emulator (one region here)."""
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as handle:
        section = handle.read().split("## Many accounts and regions", 1)[1].split("\n## ", 1)[0]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = str(tmp_path / "accounts.yml")
    with open(path, "w") as handle:
        handle.write(example)
    # One fork: both of prod's regions are this one emulator, where they would race for the same names.
    argv = [os.path.join(ansible.bindir, "ansible-playbook"), "-i", path, ACCOUNTS_PLAYBOOK, "-f", "1"]
    run = ansible._run(argv, emulator.env_all())
    assert run.rc == 0, run
    accounts = emulator.state()["accounts"]
    inventory = yaml.safe_load(example)["cloud_accounts"]
    apps = sorted(item["name"] for item in inventory["vars"]["cloud_apps_alicloud_apigateway_apps"])
    keys = sorted(item["name"] for item in inventory["vars"]["cloud_apps_tencentcloud_apigateway_api_keys"])
    # prod is in both regions: one emulator here, so the second region finds the first one's apps.
    assert identities(accounts["1234567890123456"]["alibaba"], "alibaba") == apps
    assert identities(accounts["6543210987654321"]["alibaba"], "alibaba") == apps
    assert identities(accounts["100000000001"]["tencent"], "tencent") == keys
    assert identities(emulator.state()["alibaba"], "alibaba") == []
