# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""run_modules: several of the collection's modules at the same time in one task."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from .conftest import HUAWEI_GATEWAY, HUAWEI_INSTANCE, HUAWEI_PROJECT

RUN = "cloudapps.provision.run_modules"


def run_task(runs, **task):
    return dict({"name": "together", RUN: {"runs": runs}, "register": "r"}, **task)


def items(prefix, count):
    return [{"name": "%s_%02d" % (prefix, number)} for number in range(count)]


def test_vendors_run_at_the_same_time_with_their_module_defaults(emulator, ansible):
    # 20 Huawei apps at 10/s and 40 Tencent keys at 20/s: two seconds each, together.
    runs = [{"name": "huawei", "module": "huaweicloud_apig_app", "args": {"items": items("together", 20)}},
            {"name": "tencent", "module": "cloudapps.provision.tencentcloud_apigateway_api_key",
             "args": {"items": items("together", 40)}}]
    # Huawei's connection from play-level module_defaults of its group, Tencent's from the environment.
    module_defaults = {"group/cloudapps.provision.huaweicloud": {
        "access_key": emulator.access_key, "secret_key": emulator.secret_key, "endpoint": emulator.base_url,
        "region": "cn-north-4", "project_id": HUAWEI_PROJECT, "instance_id": HUAWEI_INSTANCE}}
    run = ansible.playbook([run_task(runs), run_task(runs, name="again")], env=emulator.env("tencent"),
                           module_defaults=module_defaults)
    assert run.rc == 0, run
    result = run.result("together")
    assert list(result["results"]) == ["huawei", "tencent"] and result["changed"]
    assert [row["action"] for row in result["results"]["huawei"]["item_results"]] == ["create"] * 20
    assert [row["action"] for row in result["results"]["tencent"]["item_results"]] == ["create"] * 40
    creates = dict((vendor, [e["ts"] for e in emulator.log(vendor) if e["mutating"]]) for vendor in ("huawei", "tencent"))
    # Each vendor's writes span about two seconds, and the two spans overlap: not one after the other.
    assert min(creates["tencent"]) < max(creates["huawei"]) and min(creates["huawei"]) < max(creates["tencent"])
    again = run.result("again")
    assert not again["changed"] and all(not r["changed"] for r in again["results"].values())
    assert len(emulator.state()["huawei"]["gateways"][HUAWEI_GATEWAY]) == 20


def test_after_orders_a_run_and_one_failing_run_does_not_stop_the_others(emulator, ansible):
    quota = {"name": "gold_quota", "call_limits": 10, "time_unit": "SECOND", "time_interval": 1,
             "instance_id": HUAWEI_INSTANCE}
    runs = [{"name": "quotas", "module": "huaweicloud_apig_app_quota", "args": quota},
            {"name": "apps", "module": "huaweicloud_apig_app", "after": "quotas",
             "args": {"instance_id": HUAWEI_INSTANCE, "items": [{"name": "bound_app", "quota": "gold_quota"}]}},
            {"name": "broken", "module": "volcengine_rtc_app", "args": {"name": "bad name!"}}]
    run = ansible.playbook([dict(run_task(runs), ignore_errors=True)], env=emulator.env_all())
    result = run.result("together")
    assert result["results"]["apps"]["item_results"][0]["app"]["quota"] == "gold_quota"
    assert result["results"]["quotas"]["changed"] and not result["results"]["broken"].get("changed")
    # The task fails after every run ended, naming the failed one with its module's message.
    assert result["msg"].startswith("broken: ") and "name" in result["msg"] and "apps" not in result["msg"]
    huawei = [e["action"] for e in emulator.log("huawei") if e["mutating"]]
    assert huawei == ["CreateAppQuota", "CreateApp", "AssociateAppsForAppQuota"]


def test_bad_runs_are_refused_before_any_module_runs(emulator, ansible):
    app = {"name": "rtc", "module": "volcengine_rtc_app", "args": {"name": "never_made"}}
    cases = {
        "other collection": [app, {"name": "shell", "module": "ansible.builtin.command", "args": {"cmd": "true"}}],
        "itself": [app, {"name": "again", "module": "run_modules", "args": {}}],
        "twice": [app, dict(app)],
        "later": [dict(app, after="tencent"), {"name": "tencent", "module": "tencentcloud_apigateway_api_key",
                                               "args": {"name": "k"}}],
        "unknown": [app, {"name": "nothing", "module": "no_such_module"}],
        "info module": [app, {"name": "listing", "module": "volcengine_rtc_app_info"}],
    }
    tasks = [dict(run_task(runs, name=title), ignore_errors=True) for title, runs in cases.items()]
    run = ansible.playbook(tasks + [run_task([], name="nothing to run")], env=emulator.env_all())
    nothing = run.result("nothing to run")
    assert nothing["results"] == {} and not nothing["changed"] and not nothing.get("failed")
    messages = dict((title, run.result(title)["msg"]) for title in cases)
    rule = "is not a module run_modules runs (volcengine_rtc_app, "
    assert "runs[1].module: 'ansible.builtin.command' %s" % rule in messages["other collection"]
    assert "runs[1].module: 'run_modules' %s" % rule in messages["itself"]
    assert "runs[1].module: 'volcengine_rtc_app_info' %s" % rule in messages["info module"]
    assert "runs[1].name: 'rtc' is given twice" in messages["twice"]
    assert "runs[0].after: 'tencent' is not the name of an earlier run" in messages["later"]
    assert "runs[1].module: 'no_such_module' %s" % rule in messages["unknown"]
    assert emulator.calls() == 0


def test_check_mode_and_diff_reach_every_run(emulator, ansible):
    runs = [{"name": "rtc", "module": "volcengine_rtc_app", "args": {"items": items("planned", 2)}},
            {"name": "gateway", "module": "alicloud_apigateway_app", "args": {"name": "planned_app"}}]
    run = ansible.playbook([run_task(runs)], env=emulator.env_all(), check=True, diff=True)
    assert run.rc == 0, run
    result = run.result("together")
    assert result["changed"] and result["results"]["gateway"]["action"] == "create"
    assert [row["action"] for row in result["results"]["rtc"]["item_results"]] == ["create", "create"]
    assert emulator.mutating_calls() == 0
    # One diff per planned resource, each shown.
    assert len(result["diff"]) == 3 and "planned_app" in run.stdout and "planned_01" in run.stdout


def test_secrets_in_the_runs_never_reach_the_output(emulator, ansible):
    secret = "RunModulesSecret_01"
    runs = [{"name": "gateway", "module": "alicloud_apigateway_app",
             "args": {"items": [{"name": "keyed_app", "app_key": "RunModulesKey01", "app_secret": secret}]}},
            {"name": "rtc", "module": "volcengine_rtc_app", "args": {"name": "plain_rtc"}}]
    run = ansible.playbook([run_task(runs), dict(run_task(runs), name="check")], env=emulator.env_all(),
                           extra_args=["-vvv"])
    assert run.rc == 0, run
    result = run.result("together")
    assert result["results"]["gateway"]["item_results"][0]["action"] == "create"
    # Names and other plain values are shown; the secrets and the credentials are not, in any form.
    assert "keyed_app" in run.stdout and "plain_rtc" in run.stdout
    for value in (secret, emulator.secret_key):
        assert value not in run.stdout and value not in run.stderr and value not in json.dumps(run.results), value
