# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: plan_report
short_description: A table of what the cloud_apps role did or would do, one line per item
version_added: 0.2.0
description:
  - Formats C(cloud_apps_results) (and C(cloud_apps_failures)) of the C(cloudapps.provision.cloud_apps)
    role as the lines of a fixed-width table with the columns VENDOR, NAME, ACTION, CHANGED FIELDS and
    REASON (the error of an item in error), sorted by vendor and name.
  - An item whose secret is rotated shows the action C(rotate) and, as its reason, why
    (C(rotate_secret), or its age such as C(age 97 d > 90)).
  - A task that failed as a whole (for example missing credentials) is one line with the name V(*).
  - An item's authorizations follow it, one line each, named C(<name> > <scope>) with the action
    C(auth add), C(auth remove), C(auth update) or C(auth unchanged) and the API ids added (C(+)), removed (C(-))
    and given a new end (C(~), O(cloudapps.provision.alicloud_apigateway_app_authorization#module:expires_at)).
  - An item handed off to a secret store is followed by a line C(<name> > secret_store) with the action
    C(store write) (with the reason V(created), V(rotated), V(missing) or V(stale)), C(store unchanged)
    or C(store error), and the path in the CHANGED FIELDS column.
  - Used by C(playbooks/plan.yml), which runs the role in check mode.
options:
  _input:
    description: C(cloud_apps_results), keyed by vendor, then by name.
    type: dict
    required: true
  failures:
    description: C(cloud_apps_failures); only the failures without an item name are added as lines.
    type: list
    elements: dict
    default: []
"""

EXAMPLES = r"""
- name: Show the plan
  ansible.builtin.debug:
    msg: "{{ cloud_apps_results | cloudapps.provision.plan_report(cloud_apps_failures) }}"
"""

RETURN = r"""
_value:
  description: The lines of the table, the header first.
  type: list
  elements: str
  sample:
    - "VENDOR       NAME          ACTION     CHANGED FIELDS  REASON"
    - "alicloud     billing_app   update     description     "
    - "huaweicloud  partner_app   error      -               (conflict, APIG.3203) found 2 apps named ..."
"""

from ansible.errors import AnsibleFilterError

COLUMNS = ("VENDOR", "NAME", "ACTION", "CHANGED FIELDS", "REASON")
# The reason is the last column and is not padded; long messages are cut to keep one line per item.
REASON_MAX = 300


def _reason(error):
    if not error:
        return ""
    codes = ", ".join(str(part) for part in (error.get("category"), error.get("code")) if part)
    message = " ".join(str(error.get("message") or "").split())
    text = ("(%s) %s" % (codes, message)) if codes else message
    return text if len(text) <= REASON_MAX else text[:REASON_MAX - 3] + "..."


def _store_action(store):
    if store.get("error"):
        return "store error"
    return "store write" if store.get("reason") else "store unchanged"


def plan_report(results, failures=None):
    if not isinstance(results, dict):
        raise AnsibleFilterError("plan_report expects cloud_apps_results (a dictionary keyed by vendor)")
    rows = []
    for vendor in sorted(results):
        entries = results[vendor] or {}
        for name in sorted(entries, key=str):
            entry = entries[name] or {}
            fields = ", ".join(entry.get("changed_fields") or []) or "-"
            # A rotation reads as one, with why: rotate_secret, or the secret's age.
            action = "rotate" if entry.get("rotate_reason") and entry.get("action") == "update" else entry.get("action")
            rows.append((vendor, str(name), action or "-", fields,
                         _reason(entry.get("error")) or str(entry.get("rotate_reason") or "")))
            # Its authorizations, next to it: the API ids added (+) and removed (-).
            for auth in entry.get("authorizations") or []:
                changes = ", ".join(["+" + str(i) for i in auth.get("added") or []] + ["-" + str(i) for i in auth.get("removed") or []]
                                    + ["~" + str(i) for i in auth.get("renewed") or []])
                rows.append((vendor, "%s > %s" % (name, auth.get("scope") or "-"), "auth " + str(auth.get("action") or "-"),
                             changes or "-", _reason(auth.get("error"))))
            store = entry.get("secret_store")
            if isinstance(store, dict):
                rows.append((vendor, "%s > secret_store" % name, _store_action(store), str(store.get("path") or "-"),
                             _reason(store.get("error")) or str(store.get("reason") or "")))
    for failure in failures or []:
        if isinstance(failure, dict) and failure.get("name") is None:
            error = dict(category=failure.get("category"), code=failure.get("code"), message=failure.get("msg"))
            rows.append((failure.get("vendor") or "-", "*", "error", "-", _reason(error)))
    widths = [max([len(COLUMNS[i])] + [len(row[i]) for row in rows]) for i in range(len(COLUMNS) - 1)]

    def line(row):
        return "  ".join([cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])] + [row[-1]]).rstrip()
    return [line(COLUMNS)] + [line(row) for row in rows]


class FilterModule(object):
    def filters(self):
        return {"plan_report": plan_report}
