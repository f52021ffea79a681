# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""What an info module lists: one listing (or the lookup by id), filtered exactly, secrets on request."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.cloudapps.provision.plugins.module_utils._times import parse_time

# Secret reads of an info module run this many at a time, under the vendor's rate limiter.
PARALLEL_READS = 16


def inventory(resource):
    """The resources an info module's filters select, sorted by name then id, secrets only on request.

    One listing (all pages), or the lookup by id; the vendor may filter loosely on its side, so
    every filter is applied again here exactly. Secrets the listing lacks cost one read per resource.
    """
    params = resource.params
    name, prefix = params.get("name"), params.get("name_prefix")
    if params.get("id"):
        rows = resource.find_by_id(params["id"])
    else:
        filters = dict((option, params.get(option)) for option in resource.info_filters
                       if params.get(option) is not None)
        rows = resource.list_all(name=name, name_prefix=prefix, **filters)
    rows = [row for row in rows
            if (name is None or row.get(resource.name_key) == name)
            and (prefix is None or str(row.get(resource.name_key) or "").startswith(prefix))
            and resource.info_match(row)]
    rows.sort(key=lambda row: (str(row.get(resource.name_key)), str(row.get(resource.id_key))))
    wants_credentials = params.get("list_credentials") or params.get("older_than_days") is not None
    keys = list(resource.secret_keys) if params.get("return_secrets") else []
    keys += resource.credential_keys() if wants_credentials else []
    keys += resource.fence_keys() if params.get("list_fences") else []
    if keys and rows:
        with ThreadPoolExecutor(max_workers=min(PARALLEL_READS, len(rows))) as pool:
            rows = list(pool.map(lambda row: resource.complete(row, keys), rows))
    grants = _grants_reader(resource)
    if grants is not None and rows:
        with ThreadPoolExecutor(max_workers=min(PARALLEL_READS, len(rows))) as pool:
            rows = list(pool.map(lambda row: dict(row, authorizations=grants(row[resource.id_key])), rows))
    if not wants_credentials:
        return [resource.public(row) for row in rows]
    listed = []
    for row in rows:
        credentials = [_credential(entry, params.get("return_secrets")) for entry in resource.credential_rows(row)]
        older = params.get("older_than_days")
        if older is not None and not any(c["age_days"] is not None and c["age_days"] > older for c in credentials):
            continue
        listed.append(dict(resource.public(row), credentials=credentials))
    return listed


def _grants_reader(resource):
    """With ``list_authorizations``, a function giving an identity's authorizations; else None (also
    where the vendor has none here: Volcengine, Tencent, a Huawei shared gateway)."""
    auth_class = getattr(resource.module, "authorization_class", None)
    if not resource.params.get("list_authorizations") or auth_class is None or not resource.has_authorizations():
        return None
    return auth_class(resource.module).grants_report


def _credential(entry, with_secrets):
    made = parse_time(entry["created"])
    age = None
    if made is not None:
        age = max(0, int((datetime.datetime.now(datetime.timezone.utc) - made).total_seconds() // 86400))
    found = dict(handle=entry["handle"], created=entry["created"], age_days=age)
    if with_secrets:
        found.update(entry["secrets"])
    return found
