"""Stand-in for the get-pip.py that ansible-test downloads to put pip into its venvs.

ansible-test fetches that script from a host outside PyPI, which CI here cannot
reach. scripts/sanity.sh saves this file where ansible-test caches the download
(~/.ansible/test/cache/get_pip_X_Y.py), only when no real copy is there. It
gives the same result: pip of the requested version, installed from PyPI, using
the pip wheel that CPython bundles with ensurepip to do the install.
"""

from __future__ import annotations

import glob
import os
import subprocess
import sys
import ensurepip

# get-pip.py's own flags; pip itself does not know them.
GET_PIP_FLAGS = ('--no-setuptools', '--no-wheel')


def main() -> int:
    """Install the packages named on the command line (pip==X.Y, ...) into this Python."""
    bundled = sorted(glob.glob(os.path.join(os.path.dirname(ensurepip.__file__), '_bundled', 'pip-*.whl')))
    if not bundled:
        sys.stderr.write('get_pip_shim: this Python has no bundled pip wheel (ensurepip)\n')
        return 1
    args = [arg for arg in sys.argv[1:] if arg not in GET_PIP_FLAGS]
    # A pip wheel is importable as a zip, so its pip package can run from it.
    cmd = [sys.executable, os.path.join(bundled[-1], 'pip'), 'install', '--upgrade', '--force-reinstall'] + args
    return subprocess.call(cmd)


if __name__ == '__main__':
    sys.exit(main())
