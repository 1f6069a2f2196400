#!/usr/bin/env python3
"""The attacks of issue 13 against a running `vinculo serve`, bounded in time.

Usage: bench/edge_attacks.py --port P --pid PID --user U --password W [--idle 1000]

Each attack prints one line: its name, what the server answered, how long it
took and how much the server's resident memory (VmRSS of PID, /proc) grew.
The web folder served must hold assets/app.js (any file of a few KB). The
script only opens loopback connections and closes them all when it ends.
Method and figures: docs/security.md.
"""
import argparse
import json
import socket
import time


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return 0.0


def exchange(port, data, timeout=5.0, source=None):
    """Sends `data` on a new connection; returns (status line, seconds, bytes read)."""
    started = time.monotonic()
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout,
                                    source_address=(source, 0) if source else None)
    received = b""
    try:
        for chunk in data if isinstance(data, list) else [data]:
            try:
                sock.sendall(chunk)
            except OSError:
                break
        sock.settimeout(timeout)
        while True:
            try:
                part = sock.recv(1 << 20)
            except (socket.timeout, OSError):
                break
            if not part:
                break
            received += part
            head, _, body = received.partition(b"\r\n\r\n")
            if _ and b"content-length:" in head.lower():
                length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
                if len(body) >= length:
                    break
    finally:
        sock.close()
    status = received.split(b"\r\n", 1)[0].decode(errors="replace")
    return status or "(no answer)", time.monotonic() - started, len(received)


def report(name, pid, before, status, seconds, size=None):
    grown = rss_mib(pid) - before
    extra = f", {size / 1e6:.1f} MB answered" if size is not None else ""
    print(f"{name:38s} {status:40s} {seconds * 1000:8.0f} ms  rss +{grown:6.1f} MiB{extra}",
          flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--idle", type=int, default=1000)
    args = parser.parse_args()
    port, pid = args.port, args.pid
    host = f"Host: 127.0.0.1:{port}\r\n".encode()

    before = rss_mib(pid)
    ranges = "bytes=0-" + ",0-" * 1500
    status, seconds, size = exchange(
        port, b"GET /assets/app.js HTTP/1.1\r\n" + host + f"Range: {ranges}\r\n\r\n".encode(), 30)
    report("1,500 byte ranges", pid, before, status, seconds, size)

    before = rss_mib(pid)
    chunk = b"%x\r\n" % (64 * 1024) + b" " * (64 * 1024) + b"\r\n"
    status, seconds, _ = exchange(
        port, [b"POST /api/v1/auth/login HTTP/1.1\r\n" + host +
               b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"] +
        [chunk] * 64 + [b"0\r\n\r\n"], 30)
    report("4 MiB chunked body", pid, before, status, seconds)

    for length in ("1000000000000", "-1"):
        before = rss_mib(pid)
        status, seconds, _ = exchange(
            port, b"POST /api/v1/auth/login HTTP/1.1\r\n" + host +
            f"Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n{{}}".encode(), 35)
        report(f"Content-Length {length}", pid, before, status, seconds)

    before = rss_mib(pid)
    body = b"[" * ((1 << 20) - 16)
    status, seconds, _ = exchange(
        port, b"POST /api/v1/auth/login HTTP/1.1\r\n" + host +
        b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body) + body, 30)
    report("1 MiB of [", pid, before, status, seconds)

    body = b'{"username":"x","password":1e999}'
    status, seconds, _ = exchange(
        port, b"POST /api/v1/auth/login HTTP/1.1\r\n" + host +
        b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
    report("password 1e999", pid, rss_mib(pid), status, seconds)

    login = json.dumps({"username": args.user, "password": args.password}).encode()
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(b"POST /api/v1/auth/login HTTP/1.1\r\n" + host +
                 b"Content-Type: application/json\r\nConnection: close\r\nContent-Length: %d\r\n\r\n"
                 % len(login) + login)
    answer = b""
    while True:
        part = sock.recv(65536)
        if not part:
            break
        answer += part
    sock.close()
    token = json.loads(answer.split(b"\r\n\r\n", 1)[1]).get("token", "")
    status, seconds, _ = exchange(
        port, b"GET /api/v1/children?organisation_id=%ff HTTP/1.1\r\n" + host +
        f"Authorization: Bearer {token}\r\n\r\n".encode())
    report("?organisation_id=%ff", pid, rss_mib(pid), status, seconds)

    # Slow headers: 100 connections that never finish, then a normal request.
    slow = []
    for _ in range(100):
        connection = socket.create_connection(("127.0.0.1", port))
        connection.sendall(b"GET /api/v1/hea")
        slow.append(connection)
    time.sleep(0.3)
    status, seconds, _ = exchange(port, b"GET /api/v1/health HTTP/1.1\r\n" + host + b"\r\n", 60)
    report("health with 100 slow headers open", pid, rss_mib(pid), status, seconds)
    for connection in slow:
        connection.close()

    # Idle connections from five addresses, then a normal client from a sixth.
    before = rss_mib(pid)
    idle = []
    for index in range(args.idle):
        connection = socket.socket()
        connection.bind((f"127.0.0.{11 + index % 5}", 0))
        connection.connect(("127.0.0.1", port))
        if index % 2:
            connection.sendall(b"GET /api/v1/")
        idle.append(connection)
    time.sleep(0.5)
    times = []
    for _ in range(5):
        status, seconds, _ = exchange(port, b"GET /api/v1/health HTTP/1.1\r\n" + host + b"\r\n", 60,
                                      source="127.0.0.20")
        times.append(seconds)
    times.sort()
    report(f"health with {args.idle} idle open (median)", pid, before, status, times[2])
    for connection in idle:
        connection.close()


if __name__ == "__main__":
    main()
