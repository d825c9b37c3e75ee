#!/usr/bin/python3
"""Hostile TLS servers: one scripted connection each, for hostile_tls.sh.

Usage: hostile_tls.py SCENARIO CERTCHAIN KEY
Prints "PORT n" once listening on 127.0.0.1 (kernel-chosen port), serves ONE
connection and exits; it also exits after 60 s whatever happens. Standard
library only. The TLS side runs through ssl.MemoryBIO, so the script owns
every byte on the wire: it can truncate records, inject garbage, trickle, skip
close_notify or reset (SO_LINGER 0). Plaintext it sends outside TLS always
contains the marker HOSTILE-PLAINTEXT, which the test greps for on stdout.

Scenarios:
  silent            accept, read, never answer
  accept-reset      accept and reset at once
  hello-reset       read the ClientHello, then reset
  garbage-hello     answer the ClientHello with plaintext garbage, then wait
  truncated-close   a handshake record header promising 16 KiB, 100 bytes, FIN
  truncated-hang    the same, then silence
  bigchain          a real handshake with CERTCHAIN (the test passes a ~1 MB chain)
  trickle-hello     the server's first flight, one byte every 0.5 s
  garbage-after     handshake, one TLS record of data, then plaintext garbage
  badmac-after      handshake, one TLS record of data, then a record with a bad MAC
  no-close-notify   handshake, one TLS record of data, then FIN without close_notify
  reset-mid         handshake, one TLS record of data, then reset
  trickle-data      handshake, then "trickle\\n" one byte per record every 0.5 s, close_notify
  trickle-record    handshake, then one record's raw bytes, one every 0.5 s, close_notify
  idle              handshake, then silence (for -idle_timeout)
"""
import os
import socket
import ssl
import struct
import sys
import threading
import time

scenario, cert, key = sys.argv[1], sys.argv[2], sys.argv[3]
threading.Timer(60, lambda: os._exit(3)).start()
MARK = b"HOSTILE-PLAINTEXT"


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def reset(s):
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.close()


def recv_some(s):
    d = s.recv(65536)
    if not d:
        raise EOFError
    return d


class Tls:
    """A server-side TLS connection over a raw socket through memory BIOs."""

    def __init__(self, sock):
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        self.s = sock
        self.inc, self.out = ssl.MemoryBIO(), ssl.MemoryBIO()
        self.t = ctx.wrap_bio(self.inc, self.out, server_side=True)

    def pending_out(self):
        return self.out.read()

    def flush(self):
        d = self.pending_out()
        if d:
            self.s.sendall(d)

    def handshake(self):
        while True:
            try:
                self.t.do_handshake()
                self.flush()  # TLS 1.3 tickets
                return
            except ssl.SSLWantReadError:
                self.flush()
                self.inc.write(recv_some(self.s))

    def record(self, data):
        """The raw bytes of data as TLS records, not yet sent."""
        self.t.write(data)
        return self.pending_out()

    def close_notify(self):
        try:
            self.t.unwrap()
        except (ssl.SSLWantReadError, ssl.SSLError):
            pass
        self.flush()


def run(c):
    s = scenario
    if s == "silent":
        while c.recv(65536):
            pass
    elif s == "accept-reset":
        reset(c)
    elif s == "hello-reset":
        recv_some(c)
        reset(c)
    elif s == "garbage-hello":
        recv_some(c)
        c.sendall(b"HTTP/1.1 400 Bad Request\r\nX-Note: " + MARK + b"\r\n\r\n" + MARK + b"\n")
        time.sleep(30)
    elif s in ("truncated-close", "truncated-hang"):
        recv_some(c)
        c.sendall(bytes([22, 3, 3, 0x40, 0x00]) + b"\x02" * 100)
        if s == "truncated-hang":
            time.sleep(30)
    elif s == "trickle-hello":
        t = Tls(c)
        t.inc.write(recv_some(c))
        try:
            t.t.do_handshake()
        except ssl.SSLWantReadError:
            pass
        flight = t.pending_out()
        for i in range(len(flight)):
            c.sendall(flight[i:i + 1])
            time.sleep(0.5)
    else:
        t = Tls(c)
        t.handshake()
        if s == "bigchain":
            time.sleep(2)
        elif s == "garbage-after":
            c.sendall(t.record(b"hello over tls\n"))
            time.sleep(0.2)
            c.sendall(MARK + b" garbage after the handshake\n")
            time.sleep(5)
        elif s == "badmac-after":
            c.sendall(t.record(b"hello over tls\n"))
            time.sleep(0.2)
            c.sendall(bytes([23, 3, 3, 0, 40]) + MARK + b"\x00" * 23)
            time.sleep(5)
        elif s == "no-close-notify":
            c.sendall(t.record(b"last words over tls\n"))
            time.sleep(0.2)
            c.shutdown(socket.SHUT_WR)
            time.sleep(5)
        elif s == "reset-mid":
            c.sendall(t.record(b"partial data over tls\n"))
            time.sleep(0.3)
            reset(c)
        elif s == "trickle-data":
            for ch in b"trickle\n":
                c.sendall(t.record(bytes([ch])))
                time.sleep(0.5)
            t.close_notify()
            time.sleep(1)
        elif s == "trickle-record":
            rec = t.record(b"one slow record\n")
            for i in range(len(rec)):
                c.sendall(rec[i:i + 1])
                time.sleep(0.5)
            t.close_notify()
            time.sleep(1)
        elif s == "idle":
            time.sleep(30)
        else:
            log("unknown scenario", s)
            os._exit(2)


def main():
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    print("PORT", srv.getsockname()[1], flush=True)
    conn, _ = srv.accept()
    srv.close()
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        run(conn)
    except (EOFError, OSError, ssl.SSLError) as e:
        log("ended:", repr(e))
    try:
        conn.close()
    except OSError:
        pass
    os._exit(0)


main()
