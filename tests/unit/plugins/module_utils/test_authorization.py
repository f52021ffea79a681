# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The pure plan of an authorization set: what to add and remove for each state and purge."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.cloudapps.provision.plugins.module_utils._authorization import chunks, plan_set


@pytest.mark.parametrize("current, wanted, purge, state, add, remove, action", [
    (["a"], ["a", "b"], False, "present", ["b"], [], "add"),
    (["a", "c"], ["a", "b"], False, "present", ["b"], [], "add"),
    (["a", "c"], ["a", "b"], True, "present", ["b"], ["c"], "update"),
    (["a", "b"], ["b", "a"], True, "present", [], [], "unchanged"),
    (["a", "c"], ["a"], True, "present", [], ["c"], "remove"),
    ([], [], True, "present", [], [], "unchanged"),
    (["a", "b"], ["b", "z"], False, "absent", [], ["b"], "remove"),
    (["a", "b"], None, False, "absent", [], ["a", "b"], "remove"),
    ([], None, False, "absent", [], [], "unchanged"),
])
def test_plan_set(current, wanted, purge, state, add, remove, action):
    plan = plan_set(current, wanted, purge, state)
    assert (plan.add, plan.remove, plan.action, plan.changed) == (add, remove, action, action != "unchanged")


def test_chunks_split_at_the_vendor_limit_and_keep_order():
    ids = ["%03d" % n for n in range(250)]
    parts = chunks(ids, 100)
    assert [len(p) for p in parts] == [100, 100, 50] and sum(parts, []) == ids
    assert chunks([], 100) == []
