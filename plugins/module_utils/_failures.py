# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""What failed in a batch, and the one way a failure is said on one line.

Used by the batch run (the task's message) and by the role's filters (result_failures,
failure_line), so that a failure reads the same in a module's message and in the role's.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


def failed_rows(item_results):
    """``(item, part)`` for each failure among a batch's items, in order: the item itself (``part``
    None) when it failed, else each of its ``authorizations`` entries that failed and its
    ``secret_store`` hand-off when that failed."""
    for entry in item_results or ():
        if not isinstance(entry, dict):
            continue
        if entry.get("action") == "error":
            yield entry, None
            continue
        for auth in entry.get("authorizations") or ():
            if isinstance(auth, dict) and auth.get("action") == "error":
                yield entry, auth
        store = entry.get("secret_store")
        if isinstance(store, dict) and store.get("action") == "error":
            yield entry, store


def failure_text(subject, category, code, msg):
    """``<subject> (<category>, <code>): <msg>``, leaving out what is missing."""
    reason = ", ".join(str(part) for part in (category, code) if part)
    return "%s%s: %s" % (subject, " (%s)" % reason if reason else "", msg or "failed")


SCOPE_KEYS = ("instance_id", "group_id", "stage_name", "env_id", "environment_id", "resource_type")


def part_label(row):
    """What part of an item a failed row is: ``authorization <scope>`` or ``secret_store <path>``."""
    if "path" in row and not any(row.get(key) for key in SCOPE_KEYS):
        return "secret_store %s" % row["path"]
    return "authorization %s" % scope_label(row)


def scope_label(row):
    """A scope as one short string, such as ``group 523e8dc7 RELEASE``."""
    return " ".join(str(row[key]) for key in SCOPE_KEYS if row.get(key)) or "-"
