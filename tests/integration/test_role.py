# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The cloud_apps role through real ansible-playbook runs against the emulator.

Playbook runs cost seconds each, so every test batches several properties into few runs.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json
import os

from .conftest import HUAWEI_INSTANCE, HUAWEI_PROJECT

ROLE = "cloudapps.provision.cloud_apps"
VENDORS = ("volcengine", "alibaba", "huawei", "tencent")
LISTS = {
    "volcengine": "cloud_apps_volcengine_rtc_apps",
    "alicloud": "cloud_apps_alicloud_apigateway_apps",
    "huaweicloud": "cloud_apps_huaweicloud_apig_apps",
    "tencentcloud": "cloud_apps_tencentcloud_apigateway_api_keys",
}
# Secrets given as item options: never in any output.
ITEM_SECRETS = ("RoleAppSecret_0001", "HuaweiRoleSecret_01", "RoleManualSecret_01")
APPS = {
    LISTS["volcengine"]: [{"name": "role_rtc"}, {"name": u"角色_rtc", "enabled": False}],
    LISTS["alicloud"]: [
        {"name": "role_gateway", "description": "role (~*+!'() )", "tags": {"team": "a"}, "purge_tags": False},
        {"name": "role_gateway_keyed", "app_key": "RoleAppKey01", "app_secret": ITEM_SECRETS[0]},
    ],
    LISTS["huaweicloud"]: [
        {"name": "role_apig", "remark": u"备注"},
        {"name": "role_apig_secret", "app_secret": ITEM_SECRETS[1]},
    ],
    LISTS["tencentcloud"]: [
        {"name": "role_key"},
        {"name": "role_manual", "key_type": "manual", "access_key_id": "role_manual_id",
         "access_key_secret": ITEM_SECRETS[2]},
    ],
}
# Keys of secret material in a module's returned resource.
SECRET_FIELDS = ("app_key", "secondary_app_key", "app_secret", "app_code", "access_key_secret")


def _vars(lists):
    """The role's variables: the lists, and the dedicated Huawei gateway they live on."""
    return dict(lists, cloud_apps_huaweicloud_instance_id=HUAWEI_INSTANCE)


def _env(emulator, vendors=VENDORS):
    env = {}
    for vendor in vendors:
        env.update(emulator.env(vendor))
    return env


def _role_tasks(results_file):
    """The role, then its output written to a file (no_log: it may hold secrets; also in --check)."""
    return [
        {"ansible.builtin.import_role": {"name": ROLE}},
        {"name": "Save the role's output", "ansible.builtin.copy": {
            "content": "{{ cloud_apps_results | to_json }}", "dest": results_file, "mode": "0600"},
         "no_log": True, "check_mode": False, "diff": False, "changed_when": False, "tags": ["always"]},
    ]


def _read_results(path):
    with open(path) as handle:
        return json.load(handle)


def _changed(results):
    return dict(((vendor, name), entry["changed"]) for vendor, entries in results.items()
                for name, entry in entries.items())


def test_role_check_apply_idempotent_diff_on_four_vendors(emulator, ansible, tmp_path):
    results_file = str(tmp_path / "results.json")
    tasks = _role_tasks(results_file)
    env = _env(emulator)
    declared = set((vendor, item["name"]) for vendor, var in LISTS.items() for item in APPS[var])

    # 1. --check --diff on an empty cloud: everything would be created, nothing is.
    run = ansible.playbook(tasks, env=env, play_vars=_vars(APPS), check=True, diff=True)
    assert run.rc == 0, run
    assert emulator.calls() > 0, "check mode must still read"
    assert emulator.mutating_calls() == 0, emulator.log()
    assert _changed(_read_results(results_file)) == dict((key, True) for key in declared)
    assert "role_apig" in run.stdout and "+++ after" in run.stdout, run

    # 2. The real run, verbose: creates each resource once; output names every resource and holds no secret.
    run = ansible.playbook(tasks, env=env, play_vars=_vars(APPS), extra_args=["-vvv"])
    assert run.rc == 0, run
    assert emulator.mutating_calls() >= len(declared), emulator.log()
    results = _read_results(results_file)
    assert _changed(results) == dict((key, True) for key in declared)
    state = emulator.state()
    assert sorted(r["id"] for r in results["volcengine"].values()) == sorted(a["AppId"] for a in state["volcengine"]["apps"])
    assert sorted(str(r["id"]) for r in results["alicloud"].values()) == sorted(state["alibaba"]["apps"])
    assert sorted(r["id"] for r in results["huaweicloud"].values()) == sorted(
        app_id for gateway in state["huawei"]["gateways"].values() for app_id in gateway)
    assert sorted(r["id"] for r in results["tencentcloud"].values()) == sorted(state["tencent"]["keys"])
    assert results["tencentcloud"]["role_manual"]["id"] == "role_manual_id"
    for vendor, entries in results.items():
        # Huawei's AppKey is the app's key id, not a secret.
        secret_fields = set(SECRET_FIELDS) - ({"app_key"} if vendor == "huaweicloud" else set())
        for entry in entries.values():
            assert entry["state"] == "present"
            assert not secret_fields & set(entry["resource"]), entry
    secrets = emulator.secrets(state) + list(ITEM_SECRETS) + [emulator.secret_key]
    assert len(secrets) > len(ITEM_SECRETS) + 1
    for secret in secrets:
        assert secret not in run.stdout and secret not in run.stderr, secret
        assert secret not in json.dumps(run.results), secret
    # The searched output is real: it shows the resources and their ids.
    assert "role_key" in run.stdout and results["tencentcloud"]["role_key"]["id"] in run.stdout

    # 3. Same input again: nothing changes, no mutating call.
    writes = emulator.mutating_calls()
    run = ansible.playbook(tasks, env=env, play_vars=_vars(APPS))
    assert run.rc == 0, run
    assert emulator.mutating_calls() == writes, emulator.log()
    assert _changed(_read_results(results_file)) == dict((key, False) for key in declared)
    assert "changed=0" in run.stdout

    # 4. --check --diff on a change and a deletion: reported with before/after, nothing done.
    changed_apps = copy.deepcopy(APPS)
    changed_apps[LISTS["huaweicloud"]][0]["remark"] = u"新备注"
    changed_apps[LISTS["tencentcloud"]][0]["state"] = "absent"
    run = ansible.playbook(tasks, env=env, play_vars=_vars(changed_apps), check=True, diff=True)
    assert run.rc == 0, run
    assert emulator.mutating_calls() == writes, emulator.log()
    expected = dict((key, key in (("huaweicloud", "role_apig"), ("tencentcloud", "role_key"))) for key in declared)
    results = _read_results(results_file)
    assert _changed(results) == expected
    assert results["tencentcloud"]["role_key"]["state"] == "absent"
    # ansible's diff rendering escapes non-ASCII text the JSON way.
    assert '-    "remark": %s' % json.dumps(u"备注") in run.stdout, run
    assert '+    "remark": %s' % json.dumps(u"新备注") in run.stdout, run
    assert emulator.state()["tencent"]["keys"] == state["tencent"]["keys"]


def test_role_tags_select_one_vendor(emulator, ansible, tmp_path):
    results_file = str(tmp_path / "results.json")
    # All four lists are set, only Tencent has credentials: any other vendor's task would fail.
    run = ansible.playbook(_role_tasks(results_file), env=emulator.env("tencent"), play_vars=_vars(APPS),
                           extra_args=["--tags", "tencentcloud"])
    assert run.rc == 0, run
    assert set(e["vendor"] for e in emulator.log()) == {"tencent"}
    results = _read_results(results_file)
    assert list(results) == ["tencentcloud"]
    assert sorted(results["tencentcloud"]) == ["role_key", "role_manual"]
    assert "Reconcile Volcengine" not in run.stdout


def test_role_skip_tags_leave_those_vendors_out(emulator, ansible, tmp_path):
    results_file = str(tmp_path / "results.json")
    # Huawei and Tencent have no credentials: their runs would fail if they were not left out.
    run = ansible.playbook(_role_tasks(results_file), env=_env(emulator, ("volcengine", "alibaba")),
                           play_vars=_vars(APPS), extra_args=["--skip-tags", "huaweicloud,tencentcloud"])
    assert run.rc == 0, run
    assert set(e["vendor"] for e in emulator.log()) == {"volcengine", "alibaba"}
    assert list(_read_results(results_file)) == ["volcengine", "alicloud"]


def test_role_empty_lists_need_no_credentials_and_module_defaults_work(emulator, ansible, tmp_path):
    results_file = str(tmp_path / "results.json")
    # No credential in the environment at all: Huawei's come from play-level module_defaults
    # (the role passes no option it was not given), the three other lists are empty.
    module_defaults = {"group/cloudapps.provision.huaweicloud": {
        "access_key": emulator.access_key, "secret_key": emulator.secret_key,
        "endpoint": emulator.base_url, "region": "cn-north-4", "project_id": HUAWEI_PROJECT,
        "instance_id": HUAWEI_INSTANCE}}
    play_vars = {LISTS["huaweicloud"]: [{"name": "role_defaults_app", "description": "from module_defaults"}]}
    run = ansible.playbook(_role_tasks(results_file), play_vars=play_vars, module_defaults=module_defaults)
    assert run.rc == 0, run
    assert set(e["vendor"] for e in emulator.log()) == {"huawei"}
    results = _read_results(results_file)
    assert list(results) == ["huaweicloud"]
    assert results["huaweicloud"]["role_defaults_app"]["changed"] is True
    assert results["huaweicloud"]["role_defaults_app"]["id"]


def test_role_argument_spec_rejects_bad_input_before_any_call(emulator, ansible, tmp_path):
    play_vars = {
        LISTS["volcengine"]: [{"enabled": True}],
        LISTS["tencentcloud"]: [{"name": "k", "key_type": "magic", "access_key_secret": "BadInputSecret_01"}],
        LISTS["alicloud"]: [{"name": "a", "colour": "blue"}],
    }
    run = ansible.playbook(_role_tasks(str(tmp_path / "results.json")), env=_env(emulator), play_vars=play_vars,
                           extra_args=["-vvv"])
    assert run.rc != 0
    output = run.stdout + run.stderr
    assert "missing required arguments: name found in cloud_apps_volcengine_rtc_apps" in output, run
    assert "value of key_type must be one of: auto, manual, got: magic" in output, run
    assert "cloud_apps_alicloud_apigateway_apps.colour" in output, run
    assert emulator.calls() == 0
    assert "BadInputSecret_01" not in output and emulator.secret_key not in output
    assert not os.path.exists(str(tmp_path / "results.json"))


def test_role_return_secrets_puts_secrets_in_the_fact_only(emulator, ansible, tmp_path):
    results_file = str(tmp_path / "results.json")
    play_vars = dict((var, items[:1]) for var, items in APPS.items())
    play_vars["cloud_apps_return_secrets"] = True
    run = ansible.playbook(_role_tasks(results_file), env=_env(emulator), play_vars=_vars(play_vars), extra_args=["-v"])
    assert run.rc == 0, run
    results = _read_results(results_file)
    state = emulator.state()
    volc = state["volcengine"]["apps"][0]
    ali = list(state["alibaba"]["apps"].values())[0]
    huawei = list(list(state["huawei"]["gateways"].values())[0].values())[0]
    tencent = list(state["tencent"]["keys"].values())[0]
    # The fact carries the secrets the user asked for...
    assert results["volcengine"]["role_rtc"]["resource"]["app_key"] == volc["AppKey"]
    assert results["alicloud"]["role_gateway"]["resource"]["app_secret"] == ali["AppSecret"]
    assert results["huaweicloud"]["role_apig"]["resource"]["app_secret"] == huawei["app_secret"]
    assert results["tencentcloud"]["role_key"]["resource"]["access_key_secret"] == tencent["AccessKeySecret"]
    # ...and no output shows them: the role's tasks that handle them are no_log, so every callback
    # gets them censored (checked on the recorded results: the stdout wording differs across cores).
    handling = [e for e in run.results if e["task"].startswith((ROLE + " : Reconcile ", ROLE + " : Record "))
                and e["status"] != "skipped"]
    # The one task that reconciles every vendor and the one that records them (authorizations are
    # applied by the reconcile task).
    assert len(handling) == 2 and all("censored" in e["result"] for e in handling), handling
    for secret in emulator.secrets(state) + [emulator.secret_key]:
        assert secret not in run.stdout and secret not in run.stderr, secret
        assert secret not in json.dumps(run.results), secret


def test_role_runs_every_item_and_fails_at_the_end_naming_the_bad_ones(emulator, ansible, tmp_path):
    results_file = str(tmp_path / "results.json")
    tasks = [{"ansible.builtin.import_role": {"name": ROLE}, "ignore_errors": True}] + _role_tasks(results_file)[1:]
    play_vars = _vars({
        LISTS["huaweicloud"]: [{"name": "good_apig"}, {"name": "x"}],
        LISTS["tencentcloud"]: [{"name": "good_key"}, {"name": "bad key!"}],
        LISTS["volcengine"]: [{"name": "good_rtc"}],
    })
    run = ansible.playbook(tasks, env=_env(emulator), play_vars=play_vars)
    assert "Traceback" not in run.stdout + run.stderr
    (final,) = [e for e in run.results if e["task"].endswith("Fail when an item failed")]
    assert final["status"] == "failed"
    assert "2 item(s) failed" in final["result"]["msg"]
    assert "huaweicloud 'x' (invalid_parameter)" in final["result"]["msg"]
    assert "tencentcloud 'bad key!' (invalid_parameter)" in final["result"]["msg"]
    assert "good_" not in final["result"]["msg"]
    results = _read_results(results_file)
    actions = dict(((vendor, name), entry["action"]) for vendor, entries in results.items()
                   for name, entry in entries.items())
    assert actions == {("huaweicloud", "good_apig"): "create", ("huaweicloud", "x"): "error",
                       ("tencentcloud", "good_key"): "create", ("tencentcloud", "bad key!"): "error",
                       ("volcengine", "good_rtc"): "create"}
    assert results["huaweicloud"]["x"]["error"]["category"] == "invalid_parameter"
    assert emulator.mutating_calls() == 3


def test_a_vendor_throttled_on_every_call_does_not_stop_the_others(emulator, ansible, tmp_path):
    results_file = str(tmp_path / "results.json")
    emulator.faults([{"vendor": "volcengine", "action": "*", "kind": "throttle", "count": -1}])
    tasks = [{"ansible.builtin.import_role": {"name": ROLE}, "ignore_errors": True}] + _role_tasks(results_file)[1:]
    play_vars = _vars({LISTS["volcengine"]: [{"name": "throttled_rtc"}], LISTS["tencentcloud"]: [{"name": "fine_key"}]})
    run = ansible.playbook(tasks, env=_env(emulator), play_vars=play_vars)
    (final,) = [e for e in run.results if e["task"].endswith("Fail when an item failed")]
    assert final["status"] == "failed"
    assert "volcengine 'throttled_rtc' (throttled, FlowLimitExceeded)" in final["result"]["msg"]
    results = _read_results(results_file)
    assert results["volcengine"]["throttled_rtc"]["action"] == "error"
    assert results["tencentcloud"]["fine_key"]["action"] == "create"
    assert [key["SecretName"] for key in emulator.state()["tencent"]["keys"].values()] == ["fine_key"]


def test_a_misspelled_variable_fails_before_any_call_and_nothing_to_do_is_said(emulator, ansible):
    run = ansible.playbook([{"ansible.builtin.import_role": {"name": ROLE}}], env=_env(emulator),
                           play_vars={"cloud_apps_huaweicloud_apps": [{"name": "typo"}]})
    assert run.rc != 0
    assert "unknown variable(s) cloud_apps_huaweicloud_apps; the item lists are" in run.stdout, run
    assert "cloud_apps_huaweicloud_apig_apps" in run.stdout
    assert emulator.calls() == 0
    # A role given nothing at all says so, and succeeds.
    run = ansible.playbook([{"ansible.builtin.import_role": {"name": ROLE}}], env=_env(emulator))
    assert run.rc == 0, run
    assert "cloud_apps: nothing to do; every item list is empty" in run.stdout
    # What the role sets itself is never reported: a second run in the same play sees its own facts.
    play_vars = {"cloud_apps_volcengine_rtc_apps": [{"name": "twice"}]}
    run = ansible.playbook([{"ansible.builtin.import_role": {"name": ROLE}},
                            {"ansible.builtin.import_role": {"name": ROLE}}], env=_env(emulator), play_vars=play_vars)
    assert run.rc == 0, run
