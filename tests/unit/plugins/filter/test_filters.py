# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The role's filters on registered results shaped as the modules return them."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.cloudapps.provision.plugins.filter.failure_line import failure_line
from ansible_collections.cloudapps.provision.plugins.filter.plan_report import plan_report
from ansible_collections.cloudapps.provision.plugins.filter.result_failures import result_failures
from ansible_collections.cloudapps.provision.plugins.filter.result_summary import result_summary
from ansible_collections.cloudapps.provision.plugins.filter.run_summary import run_summary

BATCH = {
    "changed": True,
    "failed": True,
    "item_results": [
        {"index": 0, "name": "good", "state": "present", "changed": True, "action": "create",
         "changed_fields": ["description"], "app": {"app_id": "1", "app_name": "good"}},
        {"index": 1, "name": "taken", "state": "present", "changed": False, "action": "error", "changed_fields": [],
         "msg": "the app name already exists", "error": {"category": "conflict", "code": "APIG.3203"}},
        {"index": 2, "name": "granted", "state": "present", "changed": True, "action": "update", "changed_fields": [],
         "app": {"app_id": "3", "app_name": "granted"},
         "authorizations": [
             {"group_id": "g1", "stage_name": "RELEASE", "action": "add", "added": ["a1"], "removed": []},
             {"group_id": "g2", "stage_name": "TEST", "action": "error", "added": [], "removed": [],
              "msg": "no such API", "error": {"category": "not_found", "code": "NotFoundApi"}}]},
    ],
}


def test_result_failures_names_failed_items_and_failed_authorizations():
    failures = result_failures(BATCH, "alicloud")
    assert [(f["name"], f["index"], f["category"], f["code"]) for f in failures] == [
        ("taken", 1, "conflict", "APIG.3203"),
        ("granted (authorization g2 TEST)", 2, "not_found", "NotFoundApi")]


def test_result_failures_of_a_task_that_failed_as_a_whole_keeps_what_the_module_printed():
    failures = result_failures({"failed": True, "msg": "MODULE FAILURE", "module_stderr": "python3.99: not found\n"},
                               "volcengine")
    assert failures == [dict(vendor="volcengine", name=None, index=None, category=None, code=None,
                             msg="MODULE FAILURE (module output: python3.99: not found)")]
    with pytest.raises(AnsibleFilterError):
        result_failures("not a result", "volcengine")


def test_failure_line_is_one_line_with_the_reason():
    lines = [failure_line(f) for f in result_failures(BATCH, "huaweicloud")]
    assert lines == ["huaweicloud 'taken' (conflict, APIG.3203): the app name already exists",
                     "huaweicloud 'granted (authorization g2 TEST)' (not_found, NotFoundApi): no such API"]
    assert failure_line({"vendor": "tencentcloud", "name": None, "msg": "boom"}) == "tencentcloud: boom"
    assert failure_line(None) == ": failed"


def test_result_summary_keys_items_by_name_with_id_error_and_authorizations():
    summary = result_summary(BATCH, "app", "app_id")
    assert summary["good"]["id"] == "1" and summary["good"]["action"] == "create"
    assert summary["taken"]["error"] == {"category": "conflict", "code": "APIG.3203", "message": "the app name already exists"}
    assert [row["scope"] for row in summary["granted"]["authorizations"]] == ["g1 RELEASE", "g2 TEST"]
    assert "error" not in summary["granted"]


def test_plan_report_is_one_table_with_authorizations_under_their_identity():
    report = plan_report({"alicloud": result_summary(BATCH, "app", "app_id")},
                         [{"vendor": "tencentcloud", "name": None, "category": "auth", "code": None, "msg": "denied"}])
    assert report[0].split() == ["VENDOR", "NAME", "ACTION", "CHANGED", "FIELDS", "REASON"]
    rows = [line.split(None, 3) for line in report[1:]]
    assert [row[:3] for row in rows] == [
        ["alicloud", "good", "create"], ["alicloud", "granted", "update"], ["alicloud", "granted", ">"],
        ["alicloud", "granted", ">"], ["alicloud", "taken", "error"], ["tencentcloud", "*", "error"]]
    assert "+a1" in report[3] and "(not_found, NotFoundApi) no such API" in report[4]
    assert report[-1].endswith("(auth) denied")
    with pytest.raises(AnsibleFilterError):
        plan_report(["not", "a", "dict"])


def test_plan_report_shows_rotations_renewed_grants_and_store_writes():
    results = {"alicloud": {
        "aged_app": {"action": "update", "changed_fields": ["app_secret"], "rotate_reason": "age 97 d > 90",
                     "secret_store": {"path": "cloudapps/alicloud/aged_app", "reason": "rotated", "written": True},
                     "authorizations": [{"scope": "group1 RELEASE", "action": "update", "added": [], "removed": [],
                                         "renewed": ["api1"]}]},
        "quiet_app": {"action": "unchanged", "changed_fields": [],
                      "secret_store": {"path": "cloudapps/alicloud/quiet_app", "reason": None}},
        "broken_app": {"action": "update", "changed_fields": [],
                       "secret_store": {"path": "p", "error": {"category": "network", "message": "down"}}},
    }}
    rows = dict((re.split(r"\s{2,}", line)[1], re.split(r"\s{2,}", line)) for line in plan_report(results)[1:])
    assert rows["aged_app"][2:] == ["rotate", "app_secret", "age 97 d > 90"]
    assert rows["aged_app > group1 RELEASE"][2:] == ["auth update", "~api1"]
    assert rows["aged_app > secret_store"][2:] == ["store write", "cloudapps/alicloud/aged_app", "rotated"]
    assert rows["quiet_app > secret_store"][2:] == ["store unchanged", "cloudapps/alicloud/quiet_app"]
    assert rows["broken_app > secret_store"][2] == "store error" and rows["broken_app > secret_store"][-1] == "(network) down"


def test_run_summary_summarises_every_run_in_the_records_order():
    app = {"index": 0, "name": "a", "state": "present", "changed": True, "action": "create", "changed_fields": [],
           "app": {"app_id": "1", "app_name": "a"}}
    broken = {"index": 0, "name": "k", "state": "present", "changed": False, "action": "error", "changed_fields": [],
              "msg": "bad", "error": {"category": "invalid_parameter", "code": "InvalidParameter"}}
    result = {"results": {"keys": {"failed": True, "msg": "1 of 1 items failed", "item_results": [broken]},
                          "rtc": {"changed": True, "item_results": [app]}}}
    records = {"rtc": {"key": "volcengine", "kind": "app", "id_key": "app_id"},
               "alibaba": {"key": "alicloud", "kind": "app", "id_key": "app_id"},
               "keys": {"key": "tencentcloud", "kind": "api_key", "id_key": "access_key_id"}}
    summary = run_summary(result, records)
    assert list(summary["results"]) == ["volcengine", "tencentcloud"]
    assert summary["results"]["volcengine"] == result_summary(result["results"]["rtc"], "app", "app_id")
    assert summary["results"]["tencentcloud"]["k"]["error"]["code"] == "InvalidParameter"
    assert summary["failures"] == result_failures(result["results"]["keys"], "tencentcloud") and summary["failures"]
    with pytest.raises(AnsibleFilterError):
        run_summary(["not", "a", "result"], records)
