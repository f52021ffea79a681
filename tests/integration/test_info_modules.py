# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The four info modules through ansible-playbook against the emulator: every filter, paging over
more than one page, secrets on and off, check mode and read errors."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import math

import pytest

from tests.vendors import BY_EMULATOR, vendor_module

from .conftest import HUAWEI_GATEWAY, HUAWEI_INSTANCE


class Vendor:
    def __init__(self, emulator_name, module, list_key, name_key, id_key, page_size, list_action,
                 args=None, seed=None, secret_keys=(), secret_read=None, secret_values=None):
        self.emulator_name = emulator_name
        self.module = "cloudapps.provision." + module
        self.list_key = list_key
        self.name_key = name_key
        self.id_key = id_key
        self.page_size = page_size
        self.list_action = list_action
        self.args = args or {}            # what every task of this vendor needs (a gateway)
        self.seed_options = seed or {}
        self.secret_keys = secret_keys
        self.secret_read = secret_read    # the per-resource secret call, where the listing lacks them
        # The secret values in one returned resource.
        self.secret_values = secret_values or (lambda item: [item[k] for k in secret_keys if k in item])


VENDORS = {
    "volcengine": Vendor("volcengine", "volcengine_rtc_app_info", "apps", "app_name", "app_id", 100, "ListApps",
                         secret_keys=("app_key", "secondary_app_key")),
    "alibaba": Vendor("alibaba", "alicloud_apigateway_app_info", "apps", "app_name", "app_id", 100,
                      "DescribeAppAttributes", secret_keys=("app_key", "app_secret", "app_code"),
                      secret_read="DescribeAppSecurity"),
    "huawei": Vendor("huawei", "huaweicloud_apig_app_info", "apps", "name", "id", 500, "ListApps",
                     args={"instance_id": HUAWEI_INSTANCE}, seed={"gateway": HUAWEI_GATEWAY},
                     # The listing has the secret; the app codes cost one ListAppCodes per app (has_app_code
                     # comes with them).
                     secret_keys=("app_secret", "app_code", "app_codes", "has_app_code"), secret_read="ListAppCodes",
                     secret_values=lambda item: [item["app_secret"]] + [c["app_code"] for c in item["app_codes"]]),
    "tencent": Vendor("tencent", "tencentcloud_apigateway_api_key_info", "api_keys", "secret_name",
                      "access_key_id", 100, "DescribeApiKeysStatus", secret_keys=("access_key_secret",)),
    "apig": Vendor("apig", "alicloud_apig_consumer_info", "consumers", "name", "consumer_id", 100, "ListConsumers",
                   secret_keys=("api_key", "ak_sk"), secret_read="GetConsumer",
                   secret_values=lambda item: [pair["secret_key"] for pair in item.get("ak_sk") or []]),
}
# Alibaba names are 4 to 26 characters starting with a letter; every vendor takes these.
BULK = "bulk_"
OTHER = "other_"


def _task(vendor, title, **args):
    return {"name": title, vendor.module: dict(vendor.args, **args), "register": "r"}


def _calls(emulator, vendor, result):
    ids = set(result.get("request_ids") or [])
    return [entry for entry in emulator.log(vendor.emulator_name) if entry["request_id"] in ids]


def _failed(run, task_name):
    entry = next(e for e in run.results if e["task"] == task_name)
    assert entry["status"] == "failed", (task_name, entry)
    return entry["result"]


@pytest.mark.parametrize("key", sorted(VENDORS))
def test_filters_paging_and_order(emulator, ansible, key):
    vendor = VENDORS[key]
    bulk = vendor.page_size + 50
    emulator.seed(vendor.emulator_name, bulk, BULK, **vendor.seed_options)
    emulator.seed(vendor.emulator_name, 3, OTHER, **vendor.seed_options)
    total = bulk + 3
    tasks = [
        _task(vendor, "all"),
        _task(vendor, "exact name", name=OTHER + "0001"),
        # A server-side fuzzy match would return other_0000..0002: the name is compared exactly.
        _task(vendor, "part of a name", name=OTHER + "000"),
        _task(vendor, "prefix", name_prefix=BULK + "01"),
        _task(vendor, "prefix and name", name_prefix=OTHER, name=OTHER + "0002"),
        _task(vendor, "prefix matching nothing", name_prefix="none_"),
    ]
    run = ansible.playbook(tasks, env=emulator.env(vendor.emulator_name))
    assert run.rc == 0, run
    everything = run.result("all")
    assert everything["changed"] is False
    names = [item[vendor.name_key] for item in everything[vendor.list_key]]
    assert names == sorted(names) and len(names) == total
    assert set(names) == set(["%s%04d" % (BULK, n) for n in range(bulk)] + ["%s%04d" % (OTHER, n) for n in range(3)])
    list_calls = _calls(emulator, vendor, everything)
    assert [c["action"] for c in list_calls] == [vendor.list_action] * math.ceil(total / vendor.page_size)
    assert len(list_calls) > 1
    for item in everything[vendor.list_key]:
        assert not set(vendor.secret_keys) & set(item), item
        assert item[vendor.id_key]
    assert [i[vendor.name_key] for i in run.result("exact name")[vendor.list_key]] == [OTHER + "0001"]
    assert run.result("part of a name")[vendor.list_key] == []
    assert [i[vendor.name_key] for i in run.result("prefix")[vendor.list_key]] == ["%s%04d" % (BULK, n) for n in range(100, min(bulk, 200))]
    assert [i[vendor.name_key] for i in run.result("prefix and name")[vendor.list_key]] == [OTHER + "0002"]
    assert run.result("prefix matching nothing")[vendor.list_key] == []
    assert emulator.mutating_calls() == 0

    by_name = dict((item[vendor.name_key], item) for item in everything[vendor.list_key])
    # Huawei's ShowApp lacks the listing's bind_num (documented in RETURN); APIG's GetConsumer
    # adds the credential structure: the listing's fields are compared.
    wanted = dict((k, v) for k, v in by_name[OTHER + "0001"].items() if k != "bind_num")

    def listed_fields(result):
        return [dict((k, item.get(k)) for k in wanted) for item in result[vendor.list_key]]
    tasks = [
        _task(vendor, "by id", id=str(wanted[vendor.id_key])),
        _task(vendor, "by id and its name", id=str(wanted[vendor.id_key]), name=OTHER + "0001"),
        _task(vendor, "by id and another name", id=str(wanted[vendor.id_key]), name=OTHER + "0002"),
        _task(vendor, "by id and a prefix it lacks", id=str(wanted[vendor.id_key]), name_prefix=BULK),
    ]
    run = ansible.playbook(tasks, env=emulator.env(vendor.emulator_name), check=True)
    assert run.rc == 0, run
    assert listed_fields(run.result("by id")) == [wanted]
    assert run.result("by id")["request_ids"]
    # Looked up directly: one call, not a listing of 150+ resources.
    assert len(_calls(emulator, vendor, run.result("by id"))) == 1
    assert listed_fields(run.result("by id and its name")) == [wanted]
    assert run.result("by id and another name")[vendor.list_key] == []
    assert run.result("by id and a prefix it lacks")[vendor.list_key] == []
    assert all(run.result(t["name"])["changed"] is False for t in tasks)
    assert emulator.mutating_calls() == 0


@pytest.mark.parametrize("key", sorted(VENDORS))
def test_an_id_that_does_not_exist_gives_an_empty_list(emulator, ansible, key):
    vendor = VENDORS[key]
    emulator.seed(vendor.emulator_name, 2, OTHER, **vendor.seed_options)
    missing = "999999999" if key == "alibaba" else "0123456789abcdef01234567"
    run = ansible.playbook([_task(vendor, "missing id", id=missing)], env=emulator.env(vendor.emulator_name))
    assert run.rc == 0, run
    assert run.result("missing id")[vendor.list_key] == []


@pytest.mark.parametrize("key", sorted(VENDORS))
def test_secrets_only_on_request_and_never_at_vvv_otherwise(emulator, ansible, key):
    vendor = VENDORS[key]
    emulator.seed(vendor.emulator_name, 3, OTHER, **vendor.seed_options)
    env = emulator.env(vendor.emulator_name)
    run = ansible.playbook([_task(vendor, "without secrets")], env=env, extra_args=["-vvv"])
    assert run.rc == 0, run
    secrets = emulator.secrets()
    assert len(secrets) >= 3
    for value in secrets:
        assert value not in run.stdout and value not in run.stderr
    without = run.result("without secrets")
    assert len(_calls(emulator, vendor, without)) == 1

    run = ansible.playbook([_task(vendor, "with secrets", return_secrets=True)], env=env)
    assert run.rc == 0, run
    found = run.result("with secrets")
    items = found[vendor.list_key]
    assert len(items) == 3
    returned = set(value for item in items for value in vendor.secret_values(item))
    assert returned and returned <= set(secrets)
    calls = [c["action"] for c in _calls(emulator, vendor, found)]
    # Only where the listing lacks the secrets: one read per resource, only now.
    extra = [vendor.secret_read] * len(items) if vendor.secret_read else []
    assert calls == [vendor.list_action] + extra
    assert [dict((k, v) for k, v in item.items() if k not in vendor.secret_keys) for item in items] == without[vendor.list_key]


@pytest.mark.parametrize("key", sorted(VENDORS))
def test_read_errors_fail_clearly(emulator, ansible, key):
    vendor = VENDORS[key]
    env = emulator.env(vendor.emulator_name)
    emulator.faults([{"vendor": vendor.emulator_name, "action": "*", "kind": "gone", "count": -1}])
    run = ansible.playbook([_task(vendor, "service gone")], env=env)
    failed = _failed(run, "service gone")
    assert failed["error"]["code"] and failed["error"]["request_id"] and failed["error"]["category"], failed
    assert failed["error"]["code"] in failed["msg"] and failed["error"]["request_id"] in failed["msg"]
    assert failed[vendor.list_key] == []
    emulator.faults([])
    bad = dict(env)
    # The secret key's variable: the first of the vendor's declared secret credential.
    declaration = vendor_module(BY_EMULATOR[key]).VENDOR
    (secret_env,) = [cred.env[0] for cred in declaration.credentials if cred.secret and cred.required]
    bad[secret_env] = "WrongSecretKey000000000000000000000000001"
    run = ansible.playbook([_task(vendor, "wrong secret")], env=bad)
    failed = _failed(run, "wrong secret")
    assert failed["error"]["category"] in ("signature", "auth"), failed
    assert "WrongSecretKey" not in run.stdout


@pytest.mark.parametrize("key", sorted(VENDORS))
def test_bad_filters_fail_before_any_call(emulator, ansible, key):
    vendor = VENDORS[key]
    run = ansible.playbook([_task(vendor, "control character", name_prefix="a\u202eb")],
                           env=emulator.env(vendor.emulator_name))
    failed = _failed(run, "control character")
    assert "name_prefix: must not contain control or format" in failed["msg"]
    assert emulator.calls() == 0


def test_vendor_side_filters(emulator, ansible):
    emulator.seed("alibaba", 3, "teama_", tags={"team": "a", "env": "prod"})
    emulator.seed("alibaba", 2, "teamb_", tags={"team": "b", "env": "prod"})
    emulator.seed("alibaba", 1, "teamnone_")
    emulator.seed("tencent", 4, "on_")
    emulator.seed("tencent", 2, "off_", enabled=False)
    emulator.seed("huawei", 2, "dedicated_", gateway=HUAWEI_GATEWAY)
    emulator.seed("huawei", 3, "shared_", gateway="shared")
    ali, tencent, huawei = VENDORS["alibaba"], VENDORS["tencent"], VENDORS["huawei"]
    tasks = [
        _task(ali, "team a", tags={"team": "a"}),
        _task(ali, "prod", tags={"env": "prod"}),
        _task(ali, "team b in prod with prefix", tags={"team": "b", "env": "prod"}, name_prefix="teamb_"),
        _task(ali, "wrong value", tags={"team": "c"}),
        _task(tencent, "enabled", enabled=True),
        _task(tencent, "disabled", enabled=False),
        _task(tencent, "disabled by prefix", enabled=False, name_prefix="on_"),
        _task(huawei, "dedicated gateway"),
        {"name": "shared gateway", huawei.module: {"shared_gateway": True}, "register": "r"},
    ]
    env = dict(emulator.env("alibaba"), **emulator.env("tencent"))
    env.update(emulator.env("huawei"))
    run = ansible.playbook(tasks, env=env)
    assert run.rc == 0, run

    def names(task, vendor):
        return [item[vendor.name_key] for item in run.result(task)[vendor.list_key]]
    assert names("team a", ali) == ["teama_0000", "teama_0001", "teama_0002"]
    assert names("prod", ali) == ["teama_0000", "teama_0001", "teama_0002", "teamb_0000", "teamb_0001"]
    assert names("team b in prod with prefix", ali) == ["teamb_0000", "teamb_0001"]
    assert names("wrong value", ali) == []
    assert all(item["tags"]["team"] == "a" for item in run.result("team a")["apps"])
    assert names("enabled", tencent) == ["on_%04d" % n for n in range(4)]
    assert names("disabled", tencent) == ["off_0000", "off_0001"]
    assert names("disabled by prefix", tencent) == []
    assert all(item["enabled"] is False for item in run.result("disabled")["api_keys"])
    assert names("dedicated gateway", huawei) == ["dedicated_0000", "dedicated_0001"]
    assert names("shared gateway", huawei) == ["shared_%04d" % n for n in range(3)]
    assert emulator.mutating_calls() == 0


def test_huawei_without_a_gateway_fails_before_any_call(emulator, ansible):
    run = ansible.playbook([{"name": "no gateway", VENDORS["huawei"].module: {}, "register": "r"}],
                           env=emulator.env("huawei"))
    failed = _failed(run, "no gateway")
    assert "instance_id: required" in failed["msg"] and "shared_gateway" in failed["msg"]
    assert emulator.calls() == 0


def test_adhoc_and_module_defaults_group(emulator, ansible):
    emulator.seed("volcengine", 2, OTHER)
    run = ansible.adhoc("cloudapps.provision.volcengine_rtc_app_info", "name_prefix=other_",
                        env=emulator.env("volcengine"))
    assert run.rc == 0, run
    assert '"app_name": "other_0001"' in run.stdout
    # Credentials and endpoint once for the group, as the docs show for the resource modules.
    env = emulator.env("tencent")
    emulator.seed("tencent", 1, OTHER)
    defaults = {"group/cloudapps.provision.tencentcloud": {
        "secret_id": env["TENCENTCLOUD_SECRET_ID"], "secret_key": env["TENCENTCLOUD_SECRET_KEY"],
        "endpoint": env["CLOUDAPPS_TENCENTCLOUD_ENDPOINT"], "region": env["TENCENTCLOUD_REGION"]}}
    run = ansible.playbook([_task(VENDORS["tencent"], "from group defaults")], module_defaults=defaults)
    assert run.rc == 0, run
    assert [k["secret_name"] for k in run.result("from group defaults")["api_keys"]] == [OTHER + "0000"]
