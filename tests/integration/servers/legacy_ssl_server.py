#!/usr/bin/python3
"""A scripted server that answers as an SSLv3 or SSLv2 server does, for the
-ssl3 / -ssl2 probes (no packaged server speaks those protocols any more).

Usage: legacy_ssl_server.py MODE CHAIN_PEM
MODE: sslv3        ServerHello (3.0, RC4-MD5), Certificate (the chain), ServerHelloDone
      sslv3-split  the same, one handshake message per record, written byte by byte
      sslv3-alert  a fatal handshake_failure alert
      sslv2        SERVER-HELLO with the leaf certificate and two cipher kinds
      sslv2-error  MSG-ERROR NO-CIPHER-ERROR
Prints "PORT n" once listening on 127.0.0.1 (kernel-chosen port), serves ONE
connection, checks the ClientHello is of the right protocol (logged on stderr
as "hello: ok" or "hello: bad ..."), answers, waits for the client to close,
and exits; it exits after 30 s whatever happens. Standard library only.
"""
import os
import socket
import ssl
import struct
import sys
import threading
import time

mode, chain_pem = sys.argv[1], sys.argv[2]
threading.Timer(30, lambda: os._exit(3)).start()


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def chain_der():
    text = open(chain_pem).read()
    blocks = text.split("-----END CERTIFICATE-----")
    return [ssl.PEM_cert_to_DER_cert(b.strip() + "\n-----END CERTIFICATE-----\n") for b in blocks if "BEGIN CERTIFICATE" in b]


def recv_exact(c, n):
    data = b""
    while len(data) < n:
        d = c.recv(n - len(data))
        if not d:
            raise EOFError
        data += d
    return data


def u24(n):
    return struct.pack(">I", n)[1:]


def hs(msg_type, body):
    return bytes([msg_type]) + u24(len(body)) + body


def record(content_type, payload):
    return bytes([content_type, 3, 0]) + struct.pack(">H", len(payload)) + payload


def sslv3_reply(split):
    hello = struct.pack(">H", 0x0300) + os.urandom(32) + bytes([32]) + os.urandom(32) + struct.pack(">H", 0x0004) + b"\x00"
    certs = b"".join(u24(len(d)) + d for d in chain_der())
    msgs = [hs(2, hello), hs(11, u24(len(certs)) + certs), hs(14, b"")]
    if split:
        return [record(22, m) for m in msgs]
    return [record(22, b"".join(msgs))]


def sslv2_reply(error):
    if error:
        body = bytes([0]) + struct.pack(">H", 0x0001)
    else:
        leaf = chain_der()[0]
        specs = bytes.fromhex("0700c0") + bytes.fromhex("010080")
        conn_id = os.urandom(16)
        body = bytes([4, 0, 1]) + struct.pack(">HHHH", 0x0002, len(leaf), len(specs), len(conn_id)) + leaf + specs + conn_id
    return [struct.pack(">H", 0x8000 | len(body)) + body]


def check_hello(c):
    first = recv_exact(c, 2)
    if mode.startswith("sslv2"):
        n = struct.unpack(">H", first)[0]
        if not n & 0x8000:
            return "bad: not a 2-byte SSLv2 header"
        body = recv_exact(c, n & 0x7FFF)
        if body[0] != 1 or body[1:3] != b"\x00\x02":
            return "bad: not an SSLv2 CLIENT-HELLO"
        specs, sid, chal = struct.unpack(">HHH", body[3:9])
        if len(body) != 9 + specs + sid + chal or specs % 3:
            return "bad: lengths"
        return "ok"
    rest = recv_exact(c, 3)
    hdr = first + rest
    if hdr[0] != 22 or hdr[1:3] != b"\x03\x00":
        return "bad: not an SSLv3 handshake record"
    body = recv_exact(c, struct.unpack(">H", hdr[3:5])[0])
    if body[0] != 1 or body[4:6] != b"\x03\x00":
        return "bad: not an SSLv3 ClientHello"
    return "ok"


srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(1)
print("PORT", srv.getsockname()[1], flush=True)
c, _ = srv.accept()
c.settimeout(10)
try:
    log("hello:", check_hello(c))
    if mode == "sslv3-alert":
        out = [record(21, bytes([2, 40]))]
    elif mode.startswith("sslv3"):
        out = sslv3_reply(mode == "sslv3-split")
    else:
        out = sslv2_reply(mode == "sslv2-error")
    for chunk in out:
        if mode == "sslv3-split":
            for i in range(len(chunk)):
                c.sendall(chunk[i:i + 1])
                time.sleep(0.001)
        else:
            c.sendall(chunk)
    # The client hangs up once it has read the reply.
    while c.recv(4096):
        pass
except (EOFError, OSError) as e:
    log("error:", e)
c.close()
os._exit(0)
