# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The pure plan of an authorization set: what to add and remove for each state and purge; one
scope's reconcile against a listing that lies."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from types import SimpleNamespace

import pytest

from ansible_collections.cloudapps.provision.plugins.module_utils._authorization import (
    Authorizations, chunks, plan_set, reconcile_scope,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._errors import CloudError


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


class _Listed(Authorizations):
    """A vendor whose listing answers ``rows``; writes are recorded."""

    vendor_name = "Test Cloud"
    list_action = "ListAuthorizations"
    revoke_keys = ("rule_id",)

    def __init__(self, rows, **params):
        super(_Listed, self).__init__(SimpleNamespace(params=dict(dict(purge=False, state="present"), **params),
                                                      request_ids=["rid-1"]))
        self.rows = rows
        self.writes = []

    def current(self, identity):
        return [dict(row) for row in self.rows]

    def grant(self, identity, ids):
        self.writes.append(("grant", list(ids)))

    def revoke(self, identity, entries):
        self.writes.append(("revoke", [entry["api_id"] for entry in entries]))


@pytest.mark.parametrize("row, lacking", [({"rule_id": "r1"}, "api_id"), ({"api_id": "", "rule_id": "r1"}, "api_id"),
                                          ({"api_id": "a1"}, "rule_id"), ({}, "api_id and rule_id")])
def test_a_listing_without_ids_fails_closed_before_any_write(row, lacking):
    auth = _Listed([{"api_id": "a0", "rule_id": "r0"}, row], api_ids=["a2"], purge=True)
    with pytest.raises(CloudError) as caught:
        reconcile_scope(auth, "identity-1", check_mode=False, diff_mode=False)
    assert ("malformed answer from Test Cloud ListAuthorizations: an authorization without its %s (" % lacking
            in str(caught.value))
    assert caught.value.request_id == "rid-1" and caught.value.category == "server"
    assert auth.writes == []


def test_listed_ids_of_another_type_compare_as_strings():
    auth = _Listed([{"api_id": 7, "rule_id": "r7"}], api_ids=["7"])
    result, error = reconcile_scope(auth, "identity-1", check_mode=False, diff_mode=True)
    assert error is None and result["action"] == "unchanged" and auth.writes == []
    assert result["diff"] == {"before": {"api_ids": ["7"]}, "after": {"api_ids": ["7"]}}
