#!/usr/bin/env python3
"""tls_echo.py CERT KEY PORTFILE TOTAL -- a one-connection TLS echo server for the tests.

Listens on 127.0.0.1 (a port the kernel picks, written to PORTFILE once listening), accepts one
client, echoes what it receives until TOTAL bytes went back, then sends close_notify and exits.
Line-free and binary-safe (openssl s_server -rev is line-based), so it can check a byte-exact
transfer.  Every wait is bounded (60 s socket timeout).
"""
import os
import socket
import ssl
import sys


def main():
    cert, key, portfile, total = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as lsock:
        lsock.bind(("127.0.0.1", 0))
        lsock.listen(1)
        lsock.settimeout(60)
        tmp = portfile + ".tmp"
        with open(tmp, "w") as f:
            f.write("%d\n" % lsock.getsockname()[1])
        os.rename(tmp, portfile)
        conn, _ = lsock.accept()
        conn.settimeout(60)
        with ctx.wrap_socket(conn, server_side=True) as tls:
            echoed = 0
            while echoed < total:
                data = tls.recv(65536)
                if not data:
                    break
                tls.sendall(data)
                echoed += len(data)
            try:
                tls.unwrap()
            except (ssl.SSLError, OSError):
                pass  # the client may close without answering our close_notify
    return 0


if __name__ == "__main__":
    sys.exit(main())
