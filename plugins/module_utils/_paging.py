# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""The one paging loop every vendor listing uses."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.cloudapps.provision.plugins.module_utils._errors import CloudError, malformed_answer


class Page:
    """Where the next page starts, in both styles vendors use: an offset or a 1-based number."""

    def __init__(self, number, offset, size):
        self.number = number
        self.offset = offset
        self.size = size


def collect(fetch, page_size, max_pages, vendor, action, request_ids=None):
    """Every row of a paginated listing; a page that is not the documented shape fails closed.

    ``fetch(page)`` returns ``(rows, total)`` for one ``Page``; ``total`` may be None when the
    vendor does not say. Stops on an empty page, once ``total`` rows are in, or (without a total)
    on a short page; a listing longer than ``max_pages`` pages is an error rather than an endless
    loop. ``rows`` that are not a list (a missing field, an empty body) raise a malformed-answer
    error, never "nothing exists": only a null list with a total of 0 is an empty listing.
    ``request_ids`` (a callable) gives the request id the error names.
    """
    rows = []
    for number in range(1, max_pages + 1):
        page_rows, total = fetch(Page(number, len(rows), page_size))
        if page_rows is None and total is not None and not rows and _count(total, vendor, action) == 0:
            return rows
        if not isinstance(page_rows, list) or not all(isinstance(row, dict) for row in page_rows):
            last = (request_ids() or [None])[-1] if request_ids else None
            raise malformed_answer(vendor, action, request_id=last,
                                   detail="the answer has no list of results where the vendor documents one")
        rows.extend(page_rows)
        if not page_rows:
            return rows
        # The total decides when the vendor gives one (a server may cap the page size lower).
        if total is None and len(page_rows) < page_size:
            return rows
        if total is not None and len(rows) >= _count(total, vendor, action):
            return rows
    raise CloudError("%s %s: more than %d pages of %d results; refusing to list further"
                     % (vendor, action, max_pages, page_size), vendor=vendor)


def _count(total, vendor, action):
    try:
        return int(total)
    except (TypeError, ValueError):
        raise malformed_answer(vendor, action, detail="the total count is not a number")
