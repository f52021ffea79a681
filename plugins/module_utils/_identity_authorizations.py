# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""An identity's ``authorizations`` option: its entries checked before any call and reconciled, scope
by scope, after the identity's own apply (the same set plan as the authorization modules)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.cloudapps.provision.plugins.module_utils._authorization import _scope_text, reconcile_scope
from ansible_collections.cloudapps.provision.plugins.module_utils._errors import CloudError
from ansible_collections.cloudapps.provision.plugins.module_utils._failures import scope_label


class _ScopeContext:
    """One entry of an identity item's ``authorizations``: its options over the item's, the rest the item's."""

    def __init__(self, parent, params):
        self._parent = parent
        self.params = params

    def __getattr__(self, name):
        return getattr(self._parent, name)


def _scopes(resource, auth_class):
    entries = resource.params.get("authorizations") or []
    return [auth_class(_ScopeContext(resource.module, dict(resource.params, **entry))) for entry in entries]


def _wanted(resource):
    """The Authorizations class when the item's authorizations entries apply: given, for an identity
    kept (state=present); else None."""
    auth_class = getattr(resource.module, "authorization_class", None)
    if auth_class is None or not resource.params.get("authorizations") or resource.params.get("state") == "absent":
        return None
    return auth_class


def entry_problems(resource):
    """Input problems of an identity item's ``authorizations`` entries, before any call."""
    auth_class = _wanted(resource)
    if auth_class is None:
        return []
    problems, seen = [], {}
    for index, auth in enumerate(_scopes(resource, auth_class)):
        where = "authorizations[%d]" % index
        for problem in auth.problems():
            problems.append(where + problem[len("authorizations"):] if problem.startswith("authorizations:")
                            else "%s.%s" % (where, problem))
        scope = tuple(sorted(auth.scope().items()))
        if scope in seen:
            problems.append("%s: the same scope as authorizations[%d]%s; give each scope once"
                            % (where, seen[scope], _scope_text(auth)))
        seen.setdefault(scope, index)
    return problems


def reconcile_entries(resource, final, result, check_mode, diff_mode):
    """After an identity's apply: make each of its ``authorizations`` entries right, one scope after
    another (one failing does not stop the next), and add them to the identity's ``result``.

    Returns the entries that failed. ``final`` without an id (a create in check mode) lists nothing.
    """
    auth_class = _wanted(resource)
    if auth_class is None or final is None:
        return []
    identity = final.get(resource.id_key)
    identity = None if identity in (None, "") else identity
    rows = []
    for auth in _scopes(resource, auth_class):
        try:
            row, dummy = reconcile_scope(auth, identity, check_mode, diff_mode)
        except CloudError as error:
            row = dict(auth.scope(), changed=False, action="error", msg="%s%s" % (error, _scope_text(auth)),
                       error=error.to_dict(), authorized=[], added=[], removed=[])
        rows.append(row)
    result["authorizations"] = rows
    result["changed"] = bool(result.get("changed")) or any(row["changed"] for row in rows)
    changed_fields = set(result.get("changed_fields") or [])
    if any(row.get("added") or row.get("removed") for row in rows):
        changed_fields.add("authorizations")
    if any(row.get("renewed") for row in rows):
        changed_fields.add("expires_at")
    result["changed_fields"] = sorted(changed_fields)
    diffs = [(scope_label(row), row.pop("diff")) for row in rows if "diff" in row]
    if diff_mode and "diff" in result:
        for side in ("before", "after"):
            result["diff"][side]["authorizations"] = dict(
                (label, diff[side][auth_class.ids_option]) for label, diff in diffs)
    return [row for row in rows if row["action"] == "error"]
