"""Stand-in for the get-pip.py that ansible-test downloads to put pip into its venvs.

ansible-test fetches that script from a host outside PyPI, which CI here cannot
reach. scripts/sanity.sh saves this file where ansible-test caches the download
(~/.ansible/test/cache/get_pip_X_Y.py), only when no real copy is there. It
gives the same result: pip of the requested version installed from PyPI, with
ensurepip (which every CPython venv can use, Debian's included) as the first step.
"""

from __future__ import annotations

import subprocess
import sys

# get-pip.py's own flags; pip itself does not know them.
GET_PIP_FLAGS = ('--no-setuptools', '--no-wheel')


def run(*args: str) -> None:
    """Run pip-related commands with this interpreter, failing on error."""
    subprocess.run([sys.executable] + list(args), check=True)


def main() -> int:
    """Install the packages named on the command line (pip==X.Y, ...) into this Python."""
    args = [arg for arg in sys.argv[1:] if arg not in GET_PIP_FLAGS]
    try:
        run('-m', 'ensurepip', '--upgrade', '--default-pip')
        run('-m', 'pip', 'install', '--upgrade', '--force-reinstall', *args)
        # Python < 3.12's ensurepip also adds setuptools; get-pip.py leaves it out when asked.
        if '--no-setuptools' in sys.argv and not any(arg.lower().startswith('setuptools') for arg in args):
            run('-m', 'pip', 'uninstall', '--yes', '--quiet', 'setuptools')
    except subprocess.CalledProcessError as ex:
        return ex.returncode or 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
