"""`python -m tests.emulator --port 0`: print the base URL as the first stdout line, then serve."""

import signal
import sys

from .server import make_server, parse_options


def main(argv=None):
    options = parse_options(argv)
    server = make_server(options)
    sys.stdout.write(server.base_url + "\n")
    sys.stdout.flush()
    # SIGTERM ends the loop cleanly so --state is never left half-written.
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(0))
    try:
        server.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
