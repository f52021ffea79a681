# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The pure plan step (current state + desired item -> action) and the one paging helper."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.cloudapps.provision.plugins.module_utils._errors import CloudError
from ansible_collections.cloudapps.provision.plugins.module_utils._paging import collect
from ansible_collections.cloudapps.provision.plugins.module_utils._reconcile import Field, Resource, plan


class Module:
    def __init__(self, **params):
        self.params = dict(name="app_one", state="present", id=None, rotate_secret=False, compare_secrets=True,
                           description=None, secret=None, app_key=None)
        self.params.update(params)


class App(Resource):
    """A resource whose every vendor call fails the test: plan() must not call any."""

    title = "test app"
    id_key = "app_id"
    FIELDS = (
        Field("app_name", "name"),
        Field("description", wire="Description"),
        Field("secret", wire="Secret", secret=True),
        Field("key", "app_key", "Key", mutable=False),
    )
    rotate_key = "secret"

    def __getattribute__(self, name):
        if name in ("list_all", "find_by_name", "find_by_id", "complete", "create", "update", "delete", "rotate"):
            raise AssertionError("plan() called the vendor: %s" % name)
        return object.__getattribute__(self, name)


def planned(current, **params):
    return plan(App(Module(**params)), [current] if current else [])


EXISTING = {"app_id": "1", "app_name": "app_one", "description": "old", "secret": "s1", "key": "k1"}


def test_create_update_unchanged_delete():
    created = planned(None, description="d")
    assert (created.action, created.changed, created.changed_keys) == ("create", True, ("description",))
    updated = planned(EXISTING, description="new")
    assert (updated.action, updated.changes) == ("update", {"description": "new"})
    assert planned(EXISTING, description="old").action == "unchanged"
    assert planned(EXISTING, state="absent").action == "delete"
    assert planned(None, state="absent").action == "unchanged"


def test_errors_are_plans_not_exits():
    immutable = planned(EXISTING, app_key="k2")
    assert (immutable.action, immutable.category, immutable.changed_keys) == ("error", "invalid_parameter", ("key",))
    assert "key cannot be changed in place" in immutable.error
    duplicate = plan(App(Module()), [EXISTING, dict(EXISTING, app_id="2")])
    assert (duplicate.action, duplicate.category) == ("error", "conflict") and "ids: 1, 2" in duplicate.error
    unknown = planned(None, id="9")
    assert (unknown.action, unknown.category) == ("error", "not_found")


def test_rotation_and_secret_comparison():
    rotated = planned(EXISTING, rotate_secret=True)
    assert (rotated.action, rotated.rotate, rotated.changed_keys) == ("update", True, ("secret",))
    assert planned(EXISTING, secret="s2").changes == {"secret": "s2"}
    # A secret the listing did not return is not compared when compare_secrets is false.
    listed = dict(EXISTING)
    del listed["secret"]
    assert planned(listed, secret="s2", compare_secrets=False).action == "unchanged"
    assert planned(listed, secret="s2", compare_secrets=True).changes == {"secret": "s2"}
    # A secret the listing did return is compared either way (no extra call needed).
    assert planned(EXISTING, secret="s2", compare_secrets=False).changes == {"secret": "s2"}


def pages(rows, total=None, size=2, cap=None):
    def fetch(page):
        part = rows[page.offset:page.offset + (cap or size)]
        return part, (len(rows) if total is None else total)
    return fetch


def test_collect_follows_the_total_and_stops_on_an_empty_page():
    rows = [{"n": number} for number in range(5)]
    assert collect(pages(rows), 2, 10, "V", "List") == rows
    # A server that caps the page lower than asked: the total still decides.
    assert collect(pages(rows, cap=1), 2, 10, "V", "List") == rows
    # A total larger than what is there: the empty page ends it.
    assert collect(pages(rows, total=50), 2, 10, "V", "List") == rows


def test_collect_fails_closed():
    # A null list with a total of 0 is an empty listing; anything else without a list is malformed.
    assert collect(lambda page: (None, 0), 2, 10, "V", "List") == []
    for answer in ((None, None), (None, 3), ({}, 0), ("rows", 1), ([1], 1), ([{"a": 1}], "many")):
        with pytest.raises(CloudError) as info:
            collect(lambda page, answer=answer: answer, 2, 10, "V", "List", lambda: ["rid-1"])
        assert info.value.malformed and info.value.request_id == ("rid-1" if answer[1] != "many" else None)
    with pytest.raises(CloudError) as info:
        collect(lambda page: ([{"a": 1}, {"a": 2}], 1000), 2, 3, "V", "List")
    assert "more than 3 pages" in str(info.value)


def test_a_resource_is_declared_by_its_field_rows():
    assert App.name_key == "app_name"
    assert App.fields == ("description", "secret", "key")
    assert App.secret_keys == ("secret",)
    assert App.immutable == ("key",)
    assert App.option_names == {"key": "app_key"}
    app = App(Module(description="d", app_key="k"))
    assert app.option_of("key") == "app_key" and app.option_of("app_name") == "name"
    assert app.desired() == {"app_name": "app_one", "description": "d", "key": "k"}
    # Row order, wire names, and only the fields given; the name row has no wire name here.
    assert list(app.to_wire({"key": "k", "description": "d", "app_name": "x"}).items()) == [
        ("Description", "d"), ("Key", "k")]


def test_field_rows_normalize_and_compare_their_own_values():
    class Tagged(Resource):
        FIELDS = (
            Field("name", "name"),
            Field("tags", normalize=lambda tags: dict((k.strip(), v) for k, v in tags.items())),
            Field("hosts", same=lambda current, wanted: sorted(current or []) == sorted(wanted)),
        )
    tagged = Tagged(Module(tags={" a ": "1"}, hosts=["b", "a"]))
    wanted = tagged.desired()
    assert wanted == {"name": "app_one", "tags": {"a": "1"}, "hosts": ["b", "a"]}
    assert tagged.changes({"name": "app_one", "tags": {"a": "1"}, "hosts": ["a", "b"]}, wanted) == {}
    assert tagged.changes({"name": "app_one", "tags": {"a": "2"}, "hosts": ["a"]}, wanted) == {
        "tags": {"a": "1"}, "hosts": ["b", "a"]}


def test_field_rows_need_exactly_one_name_row():
    with pytest.raises(TypeError, match="exactly one row must have option 'name'"):
        class Nameless(Resource):
            FIELDS = (Field("description"),)
