# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: result_summary
short_description: Summarise the result of a cloudapps.provision module task, by resource name
version_added: 0.1.0
description:
  - Turns the registered result of a module task run with O(cloudapps.provision.volcengine_rtc_app#module:items)
    (or the C(results) list of a looped task) into a dictionary keyed by resource name, with the vendor
    id, the state asked for, whether the item changed, what was (or would be) done, the changed
    options, the error of a failed item, and the resource as the module returned it.
  - An item with C(authorizations) also has C(authorizations), one entry per scope with C(scope) (its
    group and stage, or its environment, as one string), C(action), C(added), C(removed) and, when it
    failed, C(error).
  - Used by the C(cloudapps.provision.cloud_apps) role to build C(cloud_apps_results).
  - Secrets appear only if the module returned them (O(cloudapps.provision.volcengine_rtc_app#module:return_secrets)).
options:
  _input:
    description: The registered result of a task with C(items), or the C(results) list of a looped task.
    type: raw
    required: true
  kind:
    description: Key of the resource in each module result, V(app), V(api_key) or V(consumer).
    type: str
    required: true
  id_key:
    description: Key of the vendor id inside the resource, such as V(app_id), V(id) or V(access_key_id).
    type: str
    required: true
"""

EXAMPLES = r"""
- name: Summarise a task that reconciled many apps
  ansible.builtin.set_fact:
    summary: "{{ apps_run | cloudapps.provision.result_summary('app', 'app_id') }}"
"""

RETURN = r"""
_value:
  description: One entry per resource name.
  type: dict
  sample:
    demo_app:
      id: "661e5b7c0a1b2c3d4e5f6a7b"
      state: present
      changed: true
      action: create
      changed_fields: []
      resource: {"app_id": "661e5b7c0a1b2c3d4e5f6a7b", "app_name": "demo_app", "status": 1}
    broken_app:
      id: null
      state: present
      changed: false
      action: error
      changed_fields: []
      error: {"category": "invalid_parameter", "code": null, "message": "invalid input: name: ..."}
      resource: {}
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.cloudapps.provision.plugins.module_utils._failures import scope_label


def entries_of(result):
    """The per-item entries of a batch result, or of a looped task's results list."""
    if isinstance(result, dict):
        for key in ("item_results", "results"):
            if isinstance(result.get(key), list):
                return result[key]
    if isinstance(result, list):
        return result
    if isinstance(result, dict):
        return []
    raise AnsibleFilterError("expected the registered result of a cloudapps.provision module task")


def authorization_row(auth):
    """One authorizations entry of an item: its scope as one string, what was done, and its error."""
    row = dict(scope=scope_label(auth), action=auth.get("action"), added=list(auth.get("added") or []),
               removed=list(auth.get("removed") or []))
    if auth.get("renewed"):
        # Kept ids given a new end (expires_at).
        row["renewed"] = list(auth["renewed"])
    if auth.get("action") == "error":
        row["error"] = dict(auth.get("error") or {}, message=auth.get("msg"))
    return row


def store_row(store):
    """An item's secret_store hand-off: path, version, fingerprint, written, reason, and its error."""
    row = dict((key, store.get(key)) for key in ("path", "version", "fingerprint", "written", "reason"))
    if store.get("action") == "error":
        row["error"] = dict(store.get("error") or {}, message=store.get("msg"))
    return row


def result_summary(result, kind, id_key):
    summary = {}
    for entry in entries_of(result):
        if not isinstance(entry, dict) or entry.get("skipped"):
            continue
        item = entry.get("item") if isinstance(entry.get("item"), dict) else entry
        resource = entry.get(kind) or {}
        row = dict(
            id=resource.get(id_key),
            state=item.get("state") or "present",
            changed=bool(entry.get("changed")),
            action=entry.get("action"),
            changed_fields=list(entry.get("changed_fields") or []),
            resource=resource,
        )
        if entry.get("action") == "error" or (entry.get("failed") and not entry.get("authorizations")):
            row["error"] = dict(entry.get("error") or {}, message=entry.get("msg"))
        if isinstance(entry.get("authorizations"), list):
            row["authorizations"] = [authorization_row(auth) for auth in entry["authorizations"] if isinstance(auth, dict)]
        if entry.get("rotate_reason"):
            row["rotate_reason"] = entry["rotate_reason"]
        if isinstance(entry.get("secret_store"), dict):
            row["secret_store"] = store_row(entry["secret_store"])
        summary[item.get("name")] = row
    return summary


class FilterModule(object):
    def filters(self):
        return {"result_summary": result_summary}
