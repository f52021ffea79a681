# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""Authorizations of an identity to APIs: a sub-resource set reconciled with the plan/apply core.

The vendor part (``Authorizations`` subclass) finds the identity, lists its authorizations in one
scope (a group and stage, an environment) and grants or revokes batches of API ids; the pure
``plan_set()`` decides what to add and remove, ``run()`` applies it and reports.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.cloudapps.provision.plugins.module_utils._errors import (
    CONFLICT, NOT_FOUND, CloudError, malformed_answer,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._times import parse_time


# The options of every scope: how the listed ids combine with the current set.
SET_OPTIONS = dict(
    purge=dict(type="bool", default=False),
    state=dict(type="str", default="present", choices=["present", "absent"]),
    # ISO 8601 (UTC unless an offset is given); "" grants without an end. Unset leaves ends as they are.
    expires_at=dict(type="str"),
)
NO_END = ""


def expiry_text(when):
    """An expiry as the module reports it: ISO 8601 UTC, second precision; "" for none."""
    return when.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if when else NO_END


class SetPlan:
    """What one scope needs: API ids to add and to remove; ``action`` add, remove, update or unchanged."""

    def __init__(self, add, remove, renew=()):
        self.add = sorted(add)
        self.remove = sorted(remove)
        # Kept ids whose end (expires_at) changes: granted again with the new one.
        self.renew = sorted(renew)
        if (self.add and self.remove) or self.renew:
            self.action = "update"
        elif self.add:
            self.action = "add"
        elif self.remove:
            self.action = "remove"
        else:
            self.action = "unchanged"

    @property
    def changed(self):
        return self.action != "unchanged"


def plan_set(current, wanted, purge, state):
    """Pure: make the scope's set of ids right. ``wanted`` None means "every id" for state=absent."""
    current = set(current)
    if state == "absent":
        return SetPlan((), current if wanted is None else current & set(wanted))
    wanted = set(wanted or ())
    return SetPlan(wanted - current, (current - wanted) if purge else ())


def chunks(ids, size):
    return [ids[start:start + size] for start in range(0, len(ids), size)]


class PartialFailure(CloudError):
    """A batch write the vendor applied for some ids only: ``applied`` did, ``failed`` (id -> reason) did not."""

    def __init__(self, message, applied, failed, **kwargs):
        super(PartialFailure, self).__init__(message, **kwargs)
        self.applied = list(applied)
        self.failed = dict(failed)


class Authorizations:
    """What a vendor declares; ``run()`` does the rest."""

    title = "authorization"
    identity_title = "app"
    name_option = "app"        # the module option naming the identity
    id_option = "app_id"       # the module option giving its vendor id
    identity_module = None     # the module that creates the identity, named when it is missing
    ids_option = "api_ids"   # the module option listing the ids
    id_key = "api_id"        # the key of an id in an authorization entry
    grant_batch = 100        # ids per grant call (the vendor's maximum)
    revoke_batch = 100       # ids per revoke call (1: the vendor deletes one at a time)
    max_ids = None           # the vendor's limit of authorized APIs per identity, checked before any call
    vendor_name = None       # for messages: "Alibaba Cloud"
    list_action = None       # the call current() makes, for messages
    revoke_keys = ()         # keys of a listed authorization that revoke() needs besides the id
    supports_expiry = False  # whether a grant can end (expires_at); else expires_at is refused
    no_expiry_reason = ""    # with supports_expiry False: what the vendor lacks, for the error

    def __init__(self, module):
        self.module = module
        self.params = module.params

    # --- declared by each vendor ---
    def validate(self):
        """Problems with the scope's options (not the identity's)."""
        return []

    def identity_problems(self):
        """Problems with the options naming the identity (the authorization module's own)."""
        name = self.params.get(self.name_option)
        return ["%s: must not be empty" % self.name_option] if name is not None and not name.strip() else []

    def identity_resource(self):
        """The identity module's Resource, to find the identity as that module finds it."""
        raise NotImplementedError

    def where(self):
        """Where the identity was looked for, added to the message when it is missing."""
        return ""

    def identity(self):
        """The identity's vendor id: found by id or by exact name; fails before any write when it is
        missing (see ``missing_identity()``) or when several have the name."""
        params = self.params
        resource = self.identity_resource()
        given_id = params.get(self.id_option)
        found = resource.find_by_id(given_id) if given_id else resource.find_by_name(params[self.name_option])
        if not found:
            what = ("%s: no %s with id %r" % (self.id_option, self.identity_title, given_id) if given_id
                    else "%s: no %s named %r" % (self.name_option, self.identity_title, params[self.name_option]))
            return self.missing_identity("%s%s (cloudapps.provision.%s creates it)" % (what, self.where(), self.identity_module))
        if len(found) > 1:
            self.module.fail_json(msg="%s: %d %ss are named %r (ids %s); give %s instead" % (
                self.name_option, len(found), self.identity_title, params[self.name_option],
                ", ".join(str(item.get(resource.id_key)) for item in found), self.id_option),
                error={"category": CONFLICT}, changed=False, request_ids=self.module.request_ids)
        return found[0][resource.id_key]

    def missing_identity(self, what):
        """Fail before any write naming the identity; in check mode, plan it as a new identity instead
        (one created by an earlier task of the same run does not exist yet) and warn."""
        if self.module.check_mode:
            self.module.warn("%s; in check mode its authorizations are planned as for a new %s (it may be "
                             "created earlier in the same run)" % (what, self.identity_title))
            return None
        self.module.fail_json(msg="%s; create it first" % what, error={"category": NOT_FOUND}, changed=False,
                              request_ids=self.module.request_ids)

    def current(self, identity):
        """The authorizations of the identity in the scope: dicts with at least ``api_id``."""
        return [entry for entry in self.every_grant(identity) if self.in_scope(entry)]

    def every_grant(self, identity):
        """Every authorization of the identity, in any scope, as ``current()`` lists them."""
        raise NotImplementedError

    def in_scope(self, entry):
        """Whether a listed authorization is in this scope (the vendor's filters are checked again)."""
        return all(entry.get(key) == value for key, value in self.scope().items())

    def grants_report(self, identity):
        """Every authorization of the identity with ``expires_at`` and ``expired``, for an info module."""
        return _after(self, _checked(self, self.every_grant(identity)), (), ())

    def grant(self, identity, ids):
        raise NotImplementedError

    def revoke(self, identity, entries):
        raise NotImplementedError

    def entry(self, item_id):
        """The authorization an added id gives, as ``current()`` lists it."""
        return {self.id_key: item_id}

    def expiry_of(self, entry):
        """When a listed authorization ends (an aware datetime), or None: it does not."""
        return None

    def renew(self, identity, ids):
        """Give kept authorizations the wanted end; by default the grant call again, which updates them."""
        self.grant(identity, ids)

    def wanted_expiry(self):
        """The end asked for: a datetime, NO_END (none), or None (expires_at unset: leave ends alone)."""
        given = self.params.get("expires_at")
        if given is None:
            return None
        return NO_END if given.strip() == "" else parse_time(given)

    def scope(self):
        """The scope's keys, added to the failure messages."""
        return {}

    def problems(self):
        """Every input problem of this scope, each naming the option and the rule; no API call."""
        params = self.params
        problems = self.validate()
        option = self.ids_option
        wanted = params.get(option)
        if wanted is not None:
            if any(not isinstance(api_id, str) or not api_id.strip() for api_id in wanted):
                problems.append("%s: an id must not be empty" % option)
            if self.max_ids is not None and len(set(wanted)) > self.max_ids:
                problems.append("%s: at most %s APIs can be authorized for one %s (got %d)"
                                % (option, self.max_ids, self.identity_title, len(set(wanted))))
        if params.get("state", "present") == "present" and wanted is None:
            problems.append("%s: required with state=present" % option)
        given = params.get("expires_at")
        if given is not None and not self.supports_expiry:
            problems.append("expires_at: %s" % self.no_expiry_reason)
        elif given and parse_time(given) is None:
            problems.append("expires_at: %r is not an ISO 8601 time such as 2027-06-30T00:00:00Z (or \"\" for no end)"
                            % given)
        return problems


def reconcile_scope(auth, identity, check_mode, diff_mode):
    """Make one scope's authorizations right for ``identity`` (None: not created yet, nothing listed).

    Returns ``(result, error)``: the result keys, and the CloudError that stopped a write part-way
    (then the result says what was and was not applied) or None.
    """
    params = auth.params
    option, key = auth.ids_option, auth.id_key
    entries = [] if identity is None else _checked(auth, auth.current(identity))
    current_ids = sorted(set(entry[key] for entry in entries))
    plan = plan_set(current_ids, params.get(option), params.get("purge", False), params.get("state", "present"))
    wanted_end = auth.wanted_expiry() if params.get("state", "present") == "present" else None
    if wanted_end is not None:
        stale = [entry[key] for entry in entries if entry[key] in set(params.get(option) or ())
                 and entry[key] not in plan.remove and expiry_text(auth.expiry_of(entry)) != expiry_text(wanted_end)]
        plan = SetPlan(plan.add, plan.remove, sorted(set(stale)))
    result = dict(auth.scope(), changed=plan.changed, action=plan.action)
    if plan.renew:
        result["renewed"] = plan.renew
    if check_mode:
        added, removed = plan.add, plan.remove
    else:
        added, removed, error = _apply(auth, identity, plan, entries)
        if error is not None:
            not_added = [api_id for api_id in plan.add if api_id not in added]
            not_removed = [api_id for api_id in plan.remove if api_id not in removed]
            reasons = getattr(error, "failed", {})
            detail = "; ".join("%s: %s" % (api_id, reasons[api_id]) for api_id in sorted(reasons))
            result.update(
                msg="%s%s; applied: added %s, removed %s; not applied: add %s, remove %s%s" % (
                    error, _scope_text(auth), added or "none", removed or "none", not_added or "none",
                    not_removed or "none", (" (%s)" % detail) if detail else ""),
                error=error.to_dict(), changed=bool(added or removed), action="error", added=added, removed=removed,
                authorized=_after(auth, entries, added, removed), not_added=not_added, not_removed=not_removed)
            return result, error
    after = _after(auth, entries, added, removed, plan.renew, wanted_end)
    result.update(authorized=after, added=added, removed=removed)
    if diff_mode:
        result["diff"] = dict(before={option: current_ids}, after={option: [entry[key] for entry in after]})
        if wanted_end is not None:
            result["diff"]["before"]["expires_at"] = dict((e[key], expiry_text(auth.expiry_of(e))) for e in entries)
            result["diff"]["after"]["expires_at"] = dict((e[key], e["expires_at"]) for e in after)
    return result, None


def _checked(auth, listed):
    """The listed authorizations with their ids as strings; one without what a plan needs is a
    malformed answer (fail closed: never plan against a listing that cannot be trusted)."""
    entries = []
    for entry in listed:
        lacking = [name for name in (auth.id_key,) + tuple(auth.revoke_keys) if entry.get(name) in (None, "")]
        if lacking:
            raise malformed_answer(auth.vendor_name, auth.list_action, (auth.module.request_ids or [None])[-1],
                                   "an authorization without its %s" % " and ".join(lacking))
        entries.append(dict(entry, **{auth.id_key: str(entry[auth.id_key])}))
    return entries


def _apply(auth, identity, plan, entries):
    """``(added, removed, error)``: the writes of a plan, in the vendor's batches, until one fails."""
    added, removed = [], []
    by_id = dict((entry[auth.id_key], entry) for entry in entries)
    try:
        for batch in chunks(plan.add, auth.grant_batch):
            auth.grant(identity, batch)
            added.extend(batch)
        for batch in chunks(plan.remove, auth.revoke_batch):
            auth.revoke(identity, [by_id[api_id] for api_id in batch])
            removed.extend(batch)
        for batch in chunks(plan.renew, auth.grant_batch):
            auth.renew(identity, batch)
    except CloudError as error:
        if isinstance(error, PartialFailure):
            (added if set(error.applied) <= set(plan.add) else removed).extend(error.applied)
        return added, removed, error
    return added, removed, None


def run(module, auth):
    """The whole body of an authorization module's main()."""
    problems = auth.identity_problems() + auth.problems()
    if problems:
        module.fail_invalid(problems)
    try:
        identity = auth.identity()
        result, error = reconcile_scope(auth, identity, module.check_mode, module.diff_mode)
    except CloudError as error:
        module.fail_error(error)
    for key in auth.scope():
        result.pop(key)
    if error is not None:
        result.pop("action")
        module.fail_json(request_ids=module.request_ids, **result)
    module.exit_json(request_ids=module.request_ids, **result)


def _after(auth, entries, added, removed, renewed=(), wanted_end=None):
    """The scope's authorizations afterwards, each with ``expires_at`` ("" for no end) and ``expired``."""
    key = auth.id_key
    kept = [entry for entry in entries if entry[key] not in removed]
    present = set(entry[key] for entry in kept)
    kept.extend(auth.entry(api_id) for api_id in added if api_id not in present)
    now = datetime.datetime.now(datetime.timezone.utc)
    rows = []
    for entry in kept:
        end = auth.expiry_of(entry)
        if wanted_end is not None and (entry[key] in renewed or entry[key] in added):
            end = wanted_end or None
        rows.append(dict(entry, expires_at=expiry_text(end), expired=bool(end and end <= now)))
    return sorted(rows, key=lambda entry: entry[key])


def _scope_text(auth):
    scope = auth.scope()
    return " (%s)" % ", ".join("%s %s" % (key, value) for key, value in sorted(scope.items())) if scope else ""
