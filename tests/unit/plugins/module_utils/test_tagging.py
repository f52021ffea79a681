# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one tagging helper: the tags row, purge_tags, and the calls a change needs."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.cloudapps.provision.plugins.module_utils._tagging import (
    normalize_tags, tag_delta, tags_field, wanted_tags,
)


def test_purge_replaces_the_set_and_no_purge_keeps_the_unnamed_tags():
    current = {"env": "dev", "team": "a"}
    assert wanted_tags(current, {"env": "prod"}, purge=True) == {"env": "prod"}
    assert wanted_tags(current, {"env": "prod"}, purge=False) == {"env": "prod", "team": "a"}
    assert wanted_tags(None, {}, purge=False) == {}


def test_delta_untags_what_is_dropped_and_tags_what_is_new_or_changed():
    assert tag_delta({"a": "1", "b": "2", "c": "3"}, {"a": "1", "b": "9", "d": "4"}) == (["c"], {"b": "9", "d": "4"})
    assert tag_delta(None, {"a": "1"}) == ([], {"a": "1"})
    assert tag_delta({"a": "1"}, {"a": "1"}) == ([], {})


def test_the_tags_row_normalizes_values_as_the_vendors_store_them():
    row = tags_field()
    assert (row.key, row.option, row.wire, row.mutable, row.secret) == ("tags", "tags", None, True, False)
    assert row.normalize({"n": 5, "b": False, "z": None}) == normalize_tags({"n": 5, "b": False, "z": None}) == {
        "n": "5", "b": "false", "z": ""}
