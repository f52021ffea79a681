# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The seams of the reconcile core over an in-memory vendor: apply, _create, delete_with, outcome, Batch.

The vendor here is a dict; what is tested is the core's own logic (lost answers, the "already
gone" policy, check mode, results of a batch of one and of many), which no emulator run isolates.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.cloudapps.provision.plugins.module_utils._batch import Batch
from ansible_collections.cloudapps.provision.plugins.module_utils._errors import (
    NETWORK, NOT_FOUND, SERVER, CloudError,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._declarations import resource_argument_spec
from ansible_collections.cloudapps.provision.plugins.module_utils._reconcile import (
    MASK, MASK_CHANGED, Field, Resource, _create, apply, outcome, plan,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._transport import Transport


class Module:
    """What the core uses of CloudAppsModule; a real Transport for the per-item request ids."""

    def __init__(self, check_mode=False, diff_mode=False, **params):
        spec = resource_argument_spec()
        spec.update(description=dict(type="str"), secret=dict(type="str", no_log=True))
        self.resource_spec = spec
        self.resource_constraints = {}
        self.no_log_values = set()
        self.params = dict((key, option.get("default")) for key, option in spec.items())
        self.params.update(params)
        self.check_mode = check_mode
        self.diff_mode = diff_mode
        self.transport = Transport("Memory", timeout=5, max_attempts=1)
        self.warnings = []
        self.vendor = None

    @property
    def request_ids(self):
        return list(self.transport.request_ids)

    def warn(self, message):
        self.warnings.append(message)


class Vendor:
    """The vendor's side: resources by id, and scripted failures per call name."""

    def __init__(self, *names):
        self.apps = {}
        self.calls = []
        self.failures = {}
        for name in names:
            self.add(name)

    def add(self, name, **fields):
        app_id = "id-%d" % (len(self.apps) + 1)
        self.apps[app_id] = dict(app_id=app_id, app_name=name, description="", secret="s-" + app_id, **fields)
        return app_id

    def call(self, name, action):
        self.calls.append(name)
        queue = self.failures.get(name)
        if queue:
            failure = queue.pop(0)
            if failure.get("before"):
                raise failure["error"]
            action()
            raise failure["error"]
        return action()

    def fail(self, name, error, before=True):
        self.failures.setdefault(name, []).append(dict(error=error, before=before))


def lost(category=NETWORK):
    return CloudError("no answer", category=category, may_have_applied=True)


class App(Resource):
    title = "memory app"
    id_key = "app_id"
    FIELDS = (
        Field("app_name", "name"),
        Field("description"),
        Field("secret", secret=True),
    )
    rotate_key = "secret"

    def __init__(self, module, params=None, vendor=None):
        super(App, self).__init__(module, params)
        self.vendor = vendor if vendor is not None else module.vendor

    def list_all(self, **filters):
        rows = self.vendor.call("list", lambda: [dict(app) for app in self.vendor.apps.values()])
        return [dict((k, v) for k, v in row.items() if k != "secret") for row in rows
                if filters.get("name") is None or row["app_name"] == filters["name"]]

    def find_by_id(self, resource_id):
        return [row for row in self.list_all() if row["app_id"] == resource_id]

    def complete(self, current, keys):
        if "secret" in keys and current.get("secret") is None and current.get("app_id") in self.vendor.apps:
            return dict(current, secret=self.vendor.apps[current["app_id"]]["secret"])
        return current

    def create(self, desired):
        def make():
            fields = dict((k, v) for k, v in desired.items() if k != "app_name")
            return dict(self.vendor.apps[self.vendor.add(desired["app_name"], **{})], **fields)
        created = self.vendor.call("create", make)
        self.vendor.apps[created["app_id"]].update(created)
        return created

    def update(self, current, changes):
        def change():
            self.vendor.apps[current["app_id"]].update(changes)
            return dict(current, **changes)
        return self.vendor.call("update", change)

    def rotate(self, current):
        def regenerate():
            self.vendor.apps[current["app_id"]]["secret"] = "rotated"
            return dict(current, secret="rotated")
        return self.vendor.call("rotate", regenerate)

    def delete(self, current):
        return self.delete_with(current, lambda: self.vendor.call("delete", lambda: self.vendor.apps.pop(current["app_id"])))


def run_one(vendor, module):
    resource = App(module, vendor=vendor)
    current = resource.find_by_name(module.params["name"])
    item_plan = plan(resource, [resource.complete(row, ["secret"]) for row in current])
    return resource, item_plan, apply(resource, item_plan, module.check_mode)


def test_apply_creates_updates_rotates_and_deletes():
    vendor = Vendor()
    resource, item_plan, final = run_one(vendor, Module(name="a", description="d"))
    assert item_plan.action == "create" and final["app_id"] in vendor.apps and final["description"] == "d"
    resource, item_plan, final = run_one(vendor, Module(name="a", description="e", rotate_secret=True))
    assert (item_plan.action, final["description"], final["secret"]) == ("update", "e", "rotated")
    assert vendor.calls[-2:] == ["update", "rotate"]
    resource, item_plan, final = run_one(vendor, Module(name="a", state="absent"))
    assert item_plan.action == "delete" and final is None and not vendor.apps


def test_apply_in_check_mode_calls_no_write():
    vendor = Vendor("a")
    for params in (dict(name="b"), dict(name="a", description="new"), dict(name="a", state="absent")):
        resource, item_plan, final = run_one(vendor, Module(check_mode=True, **params))
        assert item_plan.changed
    assert set(vendor.calls) == {"list"} and list(vendor.apps) == ["id-1"]


def test_create_whose_answer_was_lost_uses_what_it_created():
    vendor = Vendor()
    vendor.fail("create", lost(), before=False)
    module = Module(name="a")
    created = _create(App(module, vendor=vendor), {"app_name": "a"})
    assert created["app_id"] == "id-1" and len(vendor.apps) == 1
    assert "found the memory app it created" in module.warnings[0]


def test_create_that_failed_without_answer_and_created_nothing_is_tried_once_more():
    vendor = Vendor()
    vendor.fail("create", lost(), before=True)
    module = Module(name="a")
    created = _create(App(module, vendor=vendor), {"app_name": "a"})
    assert created["app_id"] == "id-1" and vendor.calls.count("create") == 2
    assert "nothing was created; trying once more" in module.warnings[0]


def test_create_refused_is_not_repeated():
    vendor = Vendor()
    vendor.fail("create", CloudError("quota", category=SERVER))
    with pytest.raises(CloudError):
        _create(App(Module(name="a"), vendor=vendor), {"app_name": "a"})
    assert vendor.calls == ["create"]


def test_delete_of_a_resource_someone_else_deleted_warns():
    vendor = Vendor("a")
    vendor.fail("delete", CloudError("gone", category=NOT_FOUND))
    module = Module(name="a")
    assert App(module, vendor=vendor).delete({"app_id": "id-1"}) is None
    assert module.warnings == ["the memory app id-1 was already deleted by someone else"]


def test_delete_found_missing_after_a_retry_is_silent():
    vendor = Vendor("a")
    error = CloudError("gone", category=NOT_FOUND)
    error.attempts = 2
    vendor.fail("delete", error)
    module = Module(name="a")
    assert App(module, vendor=vendor).delete({"app_id": "id-1"}) is None and module.warnings == []


def test_delete_whose_answer_was_lost_is_done_when_the_lookup_finds_nothing():
    vendor = Vendor("a")
    vendor.fail("delete", lost(), before=False)
    assert App(Module(name="a"), vendor=vendor).delete({"app_id": "id-1"}) is None
    vendor = Vendor("a")
    vendor.fail("delete", lost(), before=True)
    with pytest.raises(CloudError):
        App(Module(name="a"), vendor=vendor).delete({"app_id": "id-1"})


def test_outcome_names_options_and_masks_secrets_in_the_diff():
    vendor = Vendor("a")
    resource, item_plan, final = run_one(vendor, Module(name="a", secret="s2", description="x", diff_mode=True))
    result = outcome(resource, item_plan, final, True)
    assert (result["changed"], result["action"], result["changed_fields"]) == (True, "update", ["description", "secret"])
    assert "secret" not in result["app"]
    assert result["diff"]["before"]["secret"] == MASK and result["diff"]["after"]["secret"] == MASK_CHANGED
    assert "s2" not in repr(result)


def batch_module(vendor, **params):
    module = Module(**params)
    module.vendor = vendor
    return module


class VendorApp(App):
    def __init__(self, module, params=None):
        super(VendorApp, self).__init__(module, params, vendor=module.vendor)


def test_a_task_without_items_is_a_batch_of_one_that_looks_up_by_name():
    vendor = Vendor("a", "b", "c")
    results = Batch(batch_module(vendor, name="b", description="x"), VendorApp).reconcile()
    assert [(r["index"], r["name"], r["action"], r["changed_fields"]) for r in results] == [(0, "b", "update", ["description"])]
    assert vendor.apps["id-2"]["description"] == "x"


def test_a_batch_lists_once_and_one_failure_does_not_stop_the_others():
    vendor = Vendor("a")
    vendor.fail("create", CloudError("refused", code="Quota", category=SERVER))
    module = batch_module(vendor, items=[{"name": "a", "description": "x"}, {"name": "b"}, {"name": "c"}])
    summary = Batch(module, VendorApp, module.params["items"]).run()
    assert vendor.calls.count("list") == 1
    actions = sorted(result["action"] for result in summary["item_results"])
    assert actions == ["create", "error", "update"] and summary["failed"] is True
    failed = [result for result in summary["item_results"] if result["action"] == "error"][0]
    assert summary["msg"].startswith("1 of 3 items failed: items[%d] %r (server, Quota): cloud API error Quota: refused"
                                     % (failed["index"], failed["name"]))


def test_items_naming_the_same_resource_twice_fail_before_any_call():
    vendor = Vendor()
    module = batch_module(vendor, items=[{"name": "a"}, {"name": "a"}])
    summary = Batch(module, VendorApp, module.params["items"]).run()
    assert [result["action"] for result in summary["item_results"]] == ["error", "error"]
    assert "items[0] and items[1] both name 'a'" in summary["msg"] and vendor.calls == []
