#!/usr/bin/env python3
"""Listens on a Unix socket and forwards each connection to a TCP port on
loopback, so that Unix-socket clients can be tested against TCP servers.
Usage: unix_forwarder.py SOCKET_PATH HOST PORT  (exits after 120 s)."""
import os
import socket
import sys
import threading
import time


def pump(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    finally:
        try:
            dst.shutdown(socket.SHUT_WR)
        except OSError:
            pass


def main():
    path, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if host not in ("127.0.0.1", "::1"):
        sys.exit("loopback only")
    if os.path.exists(path):
        os.unlink(path)
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(path)
    srv.listen(8)
    srv.settimeout(1)
    end = time.time() + 120
    while time.time() < end:
        try:
            client, _ = srv.accept()
        except socket.timeout:
            continue
        upstream = socket.create_connection((host, port), timeout=10)
        upstream.settimeout(None)
        for a, b in ((client, upstream), (upstream, client)):
            threading.Thread(target=pump, args=(a, b), daemon=True).start()


if __name__ == "__main__":
    main()
