# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one loopback HTTP server of the unit tests: records every request, answers as told.

A test gives ``respond(request) -> reply``; a reply is ``(status, headers, body)`` (body: bytes,
or an object sent as JSON), ``DROP`` (close the connection without an answer), or
``("sleep", seconds, reply)``. Each request is recorded as a dict: ``method``, ``target`` (path and
query as sent), ``path``, ``query``, ``headers`` (a dict), ``header_items`` (as sent) and ``body``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DROP = "drop"


class RecordingServer:
    def __init__(self, respond):
        self.requests = []
        self.respond = respond
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body in one segment: no 40 ms Nagle/delayed-ACK stall per request.
            disable_nagle_algorithm = True

            def log_message(self, format, *args):  # pylint: disable=redefined-builtin
                """Quiet."""

            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path, dummy, query = self.path.partition("?")
                request = dict(method=self.command, target=self.path, path=path, query=query,
                               headers=dict(self.headers.items()), header_items=list(self.headers.items()), body=body)
                owner.requests.append(request)
                reply = owner.respond(request)
                if isinstance(reply, tuple) and reply[0] == "sleep":
                    time.sleep(reply[1])
                    reply = reply[2]
                if reply == DROP:
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                status, headers, payload = reply
                raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode("utf-8")
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                try:
                    self.wfile.write(raw)
                except ConnectionError:
                    pass  # the client gave up (timeout tests)

            do_GET = do_POST = do_PUT = do_DELETE = _handle

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.base_url = "http://127.0.0.1:%d" % self.port
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
