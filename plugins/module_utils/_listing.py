# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""What an info module lists: one listing (or the lookup by id), filtered exactly, secrets on request."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from concurrent.futures import ThreadPoolExecutor

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
    if params.get("return_secrets") and rows:
        keys = list(resource.secret_keys)
        with ThreadPoolExecutor(max_workers=min(PARALLEL_READS, len(rows))) as pool:
            rows = list(pool.map(lambda row: resource.complete(row, keys), rows))
    return [resource.public(row) for row in rows]
