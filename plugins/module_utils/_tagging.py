# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""Tags of a resource, the same way for every vendor: the ``tags`` field row, what ``purge_tags``
means, and which tag calls a change needs."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.cloudapps.provision.plugins.module_utils._reconcile import Field


def normalize_tags(tags):
    """Tag values as strings, the way the vendors store them (YAML may give numbers or booleans)."""
    if tags is None:
        return None
    out = {}
    for key, value in tags.items():
        if value is None:
            value = ""
        elif isinstance(value, bool):
            value = "true" if value else "false"
        out[str(key)] = str(value)
    return out


def tags_field(wire=None):
    """The ``tags`` row of a resource's FIELDS (set with the vendor's tag calls unless ``wire``)."""
    return Field("tags", wire=wire, normalize=normalize_tags)


def wanted_tags(current, wanted, purge):
    """The tag set to end with: ``wanted``, plus the current tags it does not name unless ``purge``."""
    return dict(wanted) if purge else dict(current or {}, **wanted)


def tag_delta(current, wanted):
    """``(removed_keys, added)`` to go from ``current`` to ``wanted`` (already merged): the keys to
    untag, sorted, and the pairs that are new or changed."""
    current = current or {}
    removed = sorted(key for key in current if key not in wanted)
    added = dict((key, value) for key, value in wanted.items() if current.get(key) != value)
    return removed, added
