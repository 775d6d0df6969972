"""A tiny HTTP server on 127.0.0.1 (a port the OS picks) that records requests."""

import json
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def local_server(answer, status=200):
    """Serve ``answer`` (a dict, sent as JSON) to every request; yields the log.

    The log is ``{"url": ..., "requests": [{"method", "path", "headers",
    "body"}]}``.
    """
    log = {"requests": []}

    class Handler(BaseHTTPRequestHandler):
        def _reply(self):
            length = int(self.headers.get("Content-Length") or 0)
            log["requests"].append(
                {
                    "method": self.command,
                    "path": self.path,
                    "headers": dict(self.headers),
                    "body": self.rfile.read(length).decode() if length else "",
                }
            )
            body = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _reply  # noqa: N815 -- names http.server looks up

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    log["url"] = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield log
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
