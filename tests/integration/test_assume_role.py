# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""assume_role: one STS call per task, every identity in the role's account and nowhere else, a
refusal before any identity call, the temporary key never in any output."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
from urllib.parse import quote

import pytest

from tests.emulator import sts
from tests.vendors import BY_EMULATOR

from .conftest import HUAWEI_INSTANCE

FIRST, SECOND = sts.ACCOUNTS[0], sts.ACCOUNTS[1]
# What each identity module needs besides its name, and the STS call the emulator logs.
EXTRA = {"huawei": {"instance_id": HUAWEI_INSTANCE}}
STS_ACTION = {"huawei": "CreateTemporaryAccessKeyByAgency"}
FAMILY = {"apig": "alibaba"}


def role(vendor, account, name=sts.TRUSTED_ROLE, **extra):
    """The assume_role option naming ``name`` in ``account`` the vendor's way."""
    family = FAMILY.get(vendor, vendor)
    if family == "huawei":
        found = {"agency_name": name, "domain_name": sts.huawei_domain_name(account)}
    elif family == "volcengine":
        found = {"role_trn": sts.role_arn(family, account, name)}
    else:
        found = {"role_arn": sts.role_arn(family, account, name)}
    found.update(extra)
    return found


def identities(state, vendor):
    """The names of a vendor's identities in one vendor state."""
    if vendor == "volcengine":
        return sorted(app["AppName"] for app in state["apps"])
    if vendor == "alibaba":
        return sorted(app["AppName"] for app in state["apps"].values())
    if vendor == "apig":
        return sorted(consumer["name"] for consumer in state["consumers"].values())
    if vendor == "huawei":
        return sorted(app["name"] for gateway in state["gateways"].values() for app in gateway.values())
    return sorted(key["SecretName"] for key in state["keys"].values())


def account_state(emulator, account, vendor):
    found = emulator.state()["accounts"].get(account, {}).get(vendor)
    return identities(found, vendor) if found else []


def task(vendor, title="assume", **args):
    module = "cloudapps.provision." + BY_EMULATOR[vendor].identity
    return {"name": title, module: dict(EXTRA.get(vendor, {}), **args), "register": "r"}


def failed(run, title):
    (entry,) = [e for e in run.results if e["task"] == title]
    assert entry["status"] == "failed", (title, entry)
    return entry["result"]


def sts_calls(emulator, vendor):
    # Alibaba's STS answers through the CloudAPI handler, APIG's as well.
    return [e for e in emulator.log(FAMILY.get(vendor, vendor)) if e["action"] == STS_ACTION.get(vendor, "AssumeRole")]


@pytest.mark.parametrize("vendor", sorted(BY_EMULATOR))
def test_identities_land_in_the_role_account_with_one_sts_call_per_task(emulator, ansible, vendor):
    items = [{"name": "acct_app_%d" % number} for number in range(3)]
    run = ansible.playbook([task(vendor, items=items, assume_role=role(vendor, FIRST)),
                            task(vendor, "again", items=items, assume_role=role(vendor, FIRST)),
                            task(vendor, "other account", name="acct_app_0", assume_role=role(vendor, SECOND))],
                           env=emulator.env(vendor), extra_args=["-vvv"])
    assert run.rc == 0, run
    assert run.result("assume")["changed"] and not run.result("again")["changed"]
    # The same name in another account is another identity: created there.
    assert run.result("other account")["changed"]
    assert account_state(emulator, FIRST, vendor) == ["acct_app_0", "acct_app_1", "acct_app_2"]
    assert account_state(emulator, SECOND, vendor) == ["acct_app_0"]
    assert identities(emulator.state()[vendor], vendor) == []
    # One STS call per task, whatever the number of items.
    assert len(sts_calls(emulator, vendor)) == 3
    sessions = emulator.sessions()
    assert len(sessions) == 3
    assert_no_temporary_secret(emulator, run)


def assert_no_temporary_secret(emulator, run):
    """No temporary secret or token in the output, raw, JSON-escaped or percent-encoded."""
    text = run.stdout + run.stderr + json.dumps(run.results)
    for session in emulator.sessions().values():
        for secret in (session["secret"], session["token"]):
            for form in (secret, json.dumps(secret)[1:-1], quote(secret, safe="")):
                assert form not in text


@pytest.mark.parametrize("vendor, name, extra, code", [
    ("alibaba", "missing-role", {}, "EntityNotExist.Role"),
    ("alibaba", sts.UNTRUSTED_ROLE, {}, "NoPermission"),
    ("alibaba", sts.EXTERNAL_ID_ROLE, {"external_id": "not-the-external-id"}, "NoPermission"),
    ("tencent", sts.UNTRUSTED_ROLE, {}, "UnauthorizedOperation"),
    ("volcengine", "missing-role", {}, "EntityNotExist.Role"),
    ("huawei", sts.UNTRUSTED_ROLE, {}, "403"),
])
def test_a_refused_role_fails_before_any_identity_call(emulator, ansible, vendor, name, extra, code):
    run = ansible.playbook([dict(task(vendor, name="never_made", assume_role=role(vendor, FIRST, name, **extra)),
                                 ignore_errors=True)], env=emulator.env(vendor))
    result = failed(run, "assume")
    assert result["error"]["code"] == code
    assert "assume_role" in result["msg"] and name in result["msg"] and code in result["msg"]
    assert [e["action"] for e in emulator.log()] == [STS_ACTION.get(vendor, "AssumeRole")]


def test_external_id_and_environment_fallbacks(emulator, ansible):
    env = dict(emulator.env("alibaba"), **emulator.env("apig"))
    env.update(ALIBABA_CLOUD_ROLE_ARN=sts.role_arn("alibaba", SECOND, sts.EXTERNAL_ID_ROLE),
               ALIBABA_CLOUD_EXTERNAL_ID=sts.EXTERNAL_ID, ALIBABA_CLOUD_ROLE_SESSION_NAME="from-env")
    run = ansible.playbook([task("alibaba", name="from_env"), task("apig", "consumer", name="from_env")], env=env)
    assert run.rc == 0, run
    assert account_state(emulator, SECOND, "alibaba") == ["from_env"]
    assert account_state(emulator, SECOND, "apig") == ["from_env"]
    assert len(emulator.sessions()) == 2


def test_bad_assume_role_is_refused_before_any_call(emulator, ansible):
    cases = {
        "arn": ("alibaba", {"role_arn": "arn:aws:iam::123:role/x"}, "assume_role.role_arn"),
        "duration": ("tencent", dict(role("tencent", FIRST), duration_seconds=60), "assume_role.duration_seconds"),
        "session": ("volcengine", dict(role("volcengine", FIRST), session_name="a b"), "assume_role.session_name"),
        "domain": ("huawei", {"agency_name": sts.TRUSTED_ROLE}, "domain_name or domain_id"),
        "policy": ("alibaba", dict(role("alibaba", FIRST), policy="not json"), "assume_role.policy"),
        "endpoint": ("tencent", dict(role("tencent", FIRST), endpoint="ftp://sts"), "assume_role.endpoint"),
    }
    tasks = [dict(task(vendor, title, name="never_made", assume_role=option), ignore_errors=True)
             for title, (vendor, option, dummy) in cases.items()]
    env = emulator.env_all()
    run = ansible.playbook(tasks, env=env)
    for title, (vendor, option, words) in cases.items():
        assert words in failed(run, title)["msg"], title
    assert emulator.log() == []


def test_check_mode_assumes_the_role_and_writes_nothing(emulator, ansible):
    run = ansible.playbook([task("tencent", name="checked", assume_role=role("tencent", FIRST))],
                           env=emulator.env("tencent"), check=True, diff=True)
    assert run.rc == 0, run
    assert run.result("assume")["changed"]
    assert emulator.mutating_calls() == 0 and len(emulator.sessions()) == 1


@pytest.mark.parametrize("kind, sessions", [("throttle", 1), ("drop_after", 2), ("server_error", 1)])
def test_sts_is_retried_like_a_read(emulator, ansible, kind, sessions):
    emulator.faults([{"vendor": "tencent", "action": "AssumeRole", "kind": kind, "count": 1}])
    run = ansible.playbook([task("tencent", name="after_fault", assume_role=role("tencent", FIRST))],
                           env=emulator.env("tencent"), extra_args=["-vvv"])
    assert run.rc == 0, run
    assert [e["action"] for e in emulator.log()][:2] == ["AssumeRole", "AssumeRole"]
    # A lost answer issued a key nobody got; the retry asked again (STS calls create nothing).
    assert len(emulator.sessions()) == sessions
    assert account_state(emulator, FIRST, "tencent") == ["after_fault"]
    assert any("AssumeRole" in line for line in run.result("assume")["retries"])
    assert_no_temporary_secret(emulator, run)


def test_info_module_and_run_modules_act_in_the_role_account(emulator, ansible):
    runs = [{"name": "rtc", "module": "volcengine_rtc_app",
             "args": {"name": "in_second", "assume_role": role("volcengine", SECOND)}},
            {"name": "keys", "module": "tencentcloud_apigateway_api_key",
             "args": {"name": "in_first", "assume_role": role("tencent", FIRST)}}]
    info = {"name": "listed", "cloudapps.provision.tencentcloud_apigateway_api_key_info": {
        "assume_role": role("tencent", FIRST)}, "register": "r"}
    env = dict(emulator.env("volcengine"), **emulator.env("tencent"))
    run = ansible.playbook([{"name": "together", "cloudapps.provision.run_modules": {"runs": runs}}, info,
                            dict(info, name="base account", **{"cloudapps.provision.tencentcloud_apigateway_api_key_info": {}})],
                           env=env)
    assert run.rc == 0, run
    assert account_state(emulator, SECOND, "volcengine") == ["in_second"]
    assert account_state(emulator, FIRST, "tencent") == ["in_first"]
    assert [key["secret_name"] for key in run.result("listed")["api_keys"]] == ["in_first"]
    assert run.result("base account")["api_keys"] == []
    assert_no_temporary_secret(emulator, run)


def test_a_malformed_sts_answer_fails_the_task_before_any_identity_call(emulator, ansible):
    emulator.faults([{"vendor": "huawei", "action": "CreateTemporaryAccessKeyByAgency", "kind": "malformed", "count": 1}])
    run = ansible.playbook([dict(task("huawei", name="never_made", assume_role=role("huawei", FIRST)), ignore_errors=True)],
                           env=emulator.env("huawei"))
    result = failed(run, "assume")
    assert "assume_role" in result["msg"] and "no complete temporary key" in result["msg"], result["msg"]
    assert [e["action"] for e in emulator.log()] == ["CreateTemporaryAccessKeyByAgency"]
    assert_no_temporary_secret(emulator, run)
