# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""An identity item's ``secret_store``: after the identity's apply, its credential goes to a KV v2
path when the stored copy is missing or stale (created, rotated, or changed by someone else).

The stored copy is compared by fingerprint, recomputed from the stored fields themselves, so a
rerun makes no store write; every write is a check-and-set against the version read.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading
import time

from ansible_collections.cloudapps.provision.plugins.module_utils._errors import CONFLICT, CloudError
from ansible_collections.cloudapps.provision.plugins.module_utils._secret_store import (
    STORE_NAME, SecretStore, fingerprint, store_problems,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._secrets import encoded_forms

# Keys written beside the credential fields; never part of the fingerprint.
META_KEYS = ("vendor", "id", "name", "fingerprint", "rotated_at")
_LOCK = threading.Lock()


def _wanted(resource):
    settings = resource.params.get("secret_store")
    if not settings or resource.params.get("state") == "absent":
        return None
    return settings


def store_path(resource):
    """The KV path of the item: ``{name}`` and ``{vendor}`` in ``secret_store.path`` replaced by the
    item's name and the vendor's key (its action group: alicloud, huaweicloud...)."""
    path = resource.params["secret_store"]["path"].replace("{name}", resource.params["name"] or "")
    return path.replace("{vendor}", resource.store_vendor or "").strip("/")


def shared_paths(resources):
    """Input problems of items whose secret_store paths are the same: each needs its own."""
    seen, problems = {}, {}
    for index, resource in enumerate(resources):
        if resource is None or _wanted(resource) is None:
            continue
        path = store_path(resource)
        if path in seen:
            for position in (seen[path], index):
                problems[position] = ("secret_store.path: items[%d] and items[%d] both hand off to %r; give each item "
                                      "its own path, such as cloudapps/{vendor}/{name}" % (seen[path], index, path))
        seen.setdefault(path, index)
    return problems


def hand_off_problems(resource):
    """Input problems of the item's ``secret_store``, before any call."""
    settings = _wanted(resource)
    if settings is None:
        return []
    problems = store_problems(dict(settings, path=store_path(resource)))
    if not resource.store_fields:
        problems.append("secret_store: the %s has no credential to store" % resource.title)
    return problems


def _store(module, settings):
    """One logged-in store per task and connection settings (one AppRole login for a whole batch)."""
    key = tuple(sorted((name, str(value)) for name, value in settings.items() if name != "path"))
    with _LOCK:
        stores = module.secret_stores
        if key not in stores:
            stores[key] = SecretStore(settings, timeout=module.params.get("timeout") or 30, log=getattr(module, "_note_retry", None))
        return stores[key]


def _stored_fingerprint(stored, material=None):
    """The fingerprint of the stored credential fields: every stored key but the metadata, so a
    field that is gone (a previous pair past its grace) makes the copy stale too."""
    data = (stored or {}).get("data") or {}
    return fingerprint(dict((key, value) for key, value in data.items() if key not in META_KEYS))


def _now():
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _reason(item_plan, secret_changed):
    if item_plan.action == "create":
        return "created"
    if item_plan.rotate or secret_changed:
        return "rotated"
    return None


def hand_off(resource, item_plan, final, result, check_mode, diff_mode):
    """Write the item's credential to its store path when the stored copy is missing or stale.

    Adds ``secret_store`` to ``result``; on a store failure its row carries ``action: error``, the
    store's error and a message naming the path (the identity's own result stays as it was).
    """
    settings = _wanted(resource)
    if settings is None or final is None:
        return
    path = store_path(resource)
    secret_changed = bool(set(item_plan.changed_keys) & set(key for dummy, key in resource.store_fields))
    reason = _reason(item_plan, secret_changed)
    row = dict(path=path, version=None, fingerprint=None, written=False, reason=reason)
    result["secret_store"] = row
    material = {}
    try:
        store = _store(resource.module, dict(settings, path=path))
        if check_mode and reason:
            # The new secret does not exist yet: it would be written after the vendor's change.
            row["version"] = _version_of(store.read(path))
            _mark_changed(result, row)
            return
        if check_mode and not resource.params.get("compare_secrets", True):
            # A plan reads no secret from the vendor: a copy of this identity counts as current.
            stored = store.read(path)
            _check_owner(resource, stored, final)
            row["version"] = _version_of(stored)
            if stored and str(stored["data"].get("id")) == str(final.get(resource.id_key)):
                row["fingerprint"] = stored["data"].get("fingerprint")
                return
            row["reason"] = "stale" if stored else "missing"
            _mark_changed(result, row)
            return
        material = resource.credential_material(resource.complete(final, list(resource.secret_keys)))
        wanted = fingerprint(material)
        row["fingerprint"] = wanted
        stored = store.read(path)
        row["version"] = _version_of(stored)
        current = _stored_fingerprint(stored, material) if stored else None
        _check_owner(resource, stored, final)
        same_identity = stored and str(stored["data"].get("id")) == str(final.get(resource.id_key))
        if current == wanted and same_identity:
            return
        row["reason"] = reason or ("stale" if stored else "missing")
        before = dict(path=path, version=row["version"], fingerprint=current)
        if not check_mode:
            data = dict(material, vendor=resource.store_vendor, id=final.get(resource.id_key),
                        name=resource.params["name"], fingerprint=wanted, rotated_at=_now())
            row["version"] = _write(store, path, data, stored, wanted, material)
            row["written"] = True
        _mark_changed(result, row)
        if diff_mode and "diff" in result:
            result["diff"]["before"]["secret_store"] = before
            result["diff"]["after"]["secret_store"] = dict(path=path, version=row["version"], fingerprint=wanted)
    except CloudError as error:
        details = error.to_dict()
        details["message"] = _scrubbed(str(details.get("message") or ""), material)
        row.update(action="error", error=details, msg="secret store path %s: %s%s"
                   % (path, _scrubbed(str(error), material), _after_vendor_write(item_plan)))


def _check_owner(resource, stored, final):
    """A copy of another vendor's or another identity's credential is never overwritten: two items
    share a path. The same vendor and name with another id is this identity created again."""
    data = (stored or {}).get("data") or {}
    owner = (data.get("vendor"), data.get("name"))
    if stored and data.get("vendor") is not None and owner != (resource.store_vendor, resource.params["name"]):
        raise CloudError("the path holds the credential of %s %r (id %s), not of this %s %r; nothing was "
                         "overwritten. Give each identity its own path, such as cloudapps/{vendor}/{name}"
                         % (data.get("vendor"), data.get("name"), data.get("id"), resource.title,
                            resource.params["name"]), category=CONFLICT, vendor=STORE_NAME)


def _version_of(stored):
    return stored["version"] if stored else None


def _mark_changed(result, row):
    result["changed"] = True
    result["changed_fields"] = sorted(set(result.get("changed_fields") or []) | set(["secret_store"]))


def _after_vendor_write(item_plan):
    if item_plan.changed:
        return (" The identity's %s went through: the next run writes the stored copy without changing the "
                "credential again." % item_plan.action)
    return ""


def _write(store, path, data, stored, wanted, material):
    """Check-and-set write against the version read. A copy that appeared after the read, a write
    whose answer was lost, or one that lost the race: settled by reading the copy back, which must
    be the same credential; anything else is a conflict and nothing is overwritten."""
    if stored:
        cas = stored["version"]
    else:
        # None read: never written (0) or its current version deleted (the check-and-set needs that number).
        cas = store.current_version(path)
        appeared = store.read(path) if cas else None
        if appeared:
            return _settled(appeared, wanted, material, None, cas)
    try:
        return store.write(path, data, cas)
    except CloudError as error:
        if error.category != CONFLICT and not error.may_have_applied:
            raise
        return _settled(store.read(path), wanted, material, error, cas)


def _settled(now, wanted, material, error, cas):
    if now and _stored_fingerprint(now, material) == wanted:
        return now["version"]
    if error is not None and error.category != CONFLICT:
        raise error
    raise CloudError("someone else wrote version %s of the path after this run read %s; nothing was overwritten, "
                     "run again to compare with the copy that is there now"
                     % (_version_of(now), "version %s" % cas if cas else "it (there was no copy)"),
                     category=CONFLICT, vendor=STORE_NAME, code=error.code if error else None)


def _scrubbed(text, material):
    """``text`` without any credential value, in any encoding (a store's error body could echo one)."""
    for value in sorted(_values(material), key=len, reverse=True):
        for form in sorted(set([value]) | encoded_forms(value), key=len, reverse=True):
            text = text.replace(form, "********")
    return text


def _values(value):
    if isinstance(value, dict):
        for inner in value.values():
            yield from _values(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _values(inner)
    elif isinstance(value, str) and value:
        yield value
