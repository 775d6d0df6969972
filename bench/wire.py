"""A minimal HTTP/1.1 client for the load generator.

The load runs on the same cores as the server it measures, so every
microsecond the client spends is taken from the server. ``http.client``
builds and parses each message in Python, line by line; here a request's
bytes are built once and an answer is read with as few calls as possible.
Only what the app's answers use is understood: a status line, headers with
``Content-Length`` (or an answer that ends when the server closes), no
chunked bodies (refused, so a run never miscounts).
"""

import socket

MAX_HEAD = 64 * 1024


class ProtocolError(OSError):
    """An answer this client does not understand, or a closed connection."""


def encode(method, path, headers, body, *, keep_alive):
    """The bytes of one request to 127.0.0.1."""
    body = body or b""
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    if body or method in {"POST", "PUT", "PATCH"}:
        lines.append(f"Content-Length: {len(body)}")
    lines.append(f"Connection: {'keep-alive' if keep_alive else 'close'}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def connect(port, timeout):
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def exchange(sock, payload):
    """Send ``payload`` and read the answer: (status, body, server closed)."""
    sock.sendall(payload)
    buffer = b""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            raise ProtocolError("connection closed before the answer")
        buffer += chunk
        if len(buffer) > MAX_HEAD:
            raise ProtocolError("answer head too long")
    head, _, rest = buffer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    fields = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        fields[name.strip().lower()] = value.strip()
    if "chunked" in fields.get("transfer-encoding", "").lower():
        raise ProtocolError("chunked answers are not understood")
    closed = fields.get("connection", "").lower() == "close"
    length = fields.get("content-length")
    if length is None:
        return status, rest + _read_to_end(sock), True
    missing = int(length) - len(rest)
    parts = [rest]
    while missing > 0:
        chunk = sock.recv(min(missing, 65536))
        if not chunk:
            raise ProtocolError("connection closed inside the body")
        parts.append(chunk)
        missing -= len(chunk)
    return status, b"".join(parts), closed


def _read_to_end(sock):
    parts = []
    while chunk := sock.recv(65536):
        parts.append(chunk)
    return b"".join(parts)
