# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""The vendors' times, read one way (credential ages, grant ends)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import re


def parse_time(value):
    """A vendor's time (ISO 8601 with Z or an offset, 'YYYY-MM-DD hh:mm:ss' in UTC, or epoch
    milliseconds) as an aware UTC datetime; None when it is none of these."""
    if value in (None, ""):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return datetime.datetime.fromtimestamp(value / 1000.0, datetime.timezone.utc)
    text = str(value).strip()
    if text.isdigit():
        return datetime.datetime.fromtimestamp(int(text) / 1000.0, datetime.timezone.utc)
    text = text.replace("Z", "+00:00").replace(" ", "T", 1)
    # Python 3.10 reads only 3 or 6 fraction digits.
    text = re.sub(r"\.(\d+)", lambda match: "." + (match.group(1) + "000000")[:6], text)
    try:
        parsed = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.timezone.utc)
