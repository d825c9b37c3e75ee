#!/usr/bin/python3
"""A scripted STARTTLS server for the cases no packaged server covers: telnet's
START_TLS option, and hostile or broken servers (refusal, endless greeting,
silence, reset, plaintext injected after the go-ahead, replies split across
reads, IRC notices, ...).

Usage: fake_starttls.py SCENARIO CERTCHAIN KEY [LISTEN]
LISTEN is 127.0.0.1 (default, TCP on a kernel-chosen port) or unix:PATH.
Prints "PORT n" (or "PORT unix") once listening, serves ONE connection, and
exits; it also exits after 60 s whatever happens. Standard library only.
After a successful go-ahead it does a TLS handshake, sends "hello from tls\\n"
and closes with close_notify. Everything the client sent is logged to stderr
as repr() lines prefixed "got:".
"""
import os
import socket
import ssl
import struct
import sys
import threading
import time

scenario, cert, key = sys.argv[1], sys.argv[2], sys.argv[3]
listen = sys.argv[4] if len(sys.argv) > 4 else "127.0.0.1"
threading.Timer(60, lambda: os._exit(3)).start()


def log(*a):
    print(*a, file=sys.stderr, flush=True)


class Conn:
    def __init__(self, sock):
        self.s = sock
        self.buf = b""

    def send(self, data, split=False):
        if split:  # one byte per segment, to test replies split across reads
            for i in range(len(data)):
                self.s.sendall(data[i:i + 1])
                time.sleep(0.002)
        else:
            self.s.sendall(data)

    def line(self):
        while b"\n" not in self.buf:
            d = self.s.recv(4096)
            if not d:
                raise EOFError
            self.buf += d
        l, _, self.buf = self.buf.partition(b"\n")
        log("got:", repr(l + b"\n"))
        return l + b"\n"

    def exact(self, n):
        while len(self.buf) < n:
            d = self.s.recv(4096)
            if not d:
                raise EOFError
            self.buf += d
        out, self.buf = self.buf[:n], self.buf[n:]
        log("got:", repr(out))
        return out

    def until(self, needle):
        while needle not in self.buf:
            d = self.s.recv(4096)
            if not d:
                raise EOFError
            self.buf += d
        i = self.buf.index(needle) + len(needle)
        out, self.buf = self.buf[:i], self.buf[i:]
        log("got:", repr(out))
        return out

    def tls(self):
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        t = ctx.wrap_socket(self.s, server_side=True)
        t.sendall(b"hello from tls\n")
        t.settimeout(2)
        try:
            while t.recv(4096):
                pass
        except (OSError, ssl.SSLError):
            pass
        try:
            t.unwrap()
        except (OSError, ssl.SSLError):
            pass

    def reset(self):
        self.s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.s.close()


def smtp_until_starttls(c, split=False):
    c.send(b"220-mx.test ESMTP\r\n220-second greeting line\r\n220 ready\r\n", split)
    c.line()  # EHLO
    c.send(b"250-mx.test\r\n250-PIPELINING\r\n250-STARTTLS\r\n250 CHUNKING\r\n", split)
    c.line()  # STARTTLS


def run(c):
    s = scenario
    if s == "telnet":
        c.send(b"\xff\xfd\x2e")
        c.exact(3)
        c.exact(6)
        c.send(b"\xff\xfa\x2e\x01\xff\xf0")
        c.tls()
    elif s == "telnet-refuse":
        c.send(b"\xff\xfc\x2e")  # IAC WONT START_TLS
        time.sleep(1)
    elif s == "smtp-split":  # a good server whose replies arrive one byte at a time
        smtp_until_starttls(c, split=True)
        c.send(b"220 2.0.0 Ready to start TLS\r\n", True)
        c.tls()
    elif s == "smtp-refuse":  # postfix without tlsmgr
        smtp_until_starttls(c)
        c.send(b"454 4.7.0 TLS not available due to local problem\r\n")
        time.sleep(1)
    elif s == "smtp-inject":  # plaintext after the go-ahead, in the same segment
        smtp_until_starttls(c)
        c.send(b"220 2.0.0 Ready to start TLS\r\n250 injected by a man in the middle\r\n")
        time.sleep(1)
    elif s == "smtp-inject-late":  # the same, in a separate segment just after
        smtp_until_starttls(c)
        c.send(b"220 2.0.0 Ready to start TLS\r\n")
        c.send(b"250 injected by a man in the middle\r\n")
        time.sleep(1)
    elif s == "smtp-endless":  # a greeting that never ends
        try:
            while True:
                c.send(b"220-still greeting you\r\n" * 100)
        except OSError:
            pass
    elif s == "smtp-longline":  # 64 MiB without a line feed, if the client reads that far
        try:
            chunk = b"2" * 65536
            for _ in range(1024):
                c.send(chunk)
        except OSError:
            pass
    elif s == "silence":
        time.sleep(30)
    elif s == "reset":
        c.send(b"220-mx.test ESMTP\r\n")
        time.sleep(0.2)
        c.reset()
    elif s == "irc-notice":
        c.line()  # STARTTLS
        c.send(b":irc.test NOTICE * :*** Looking up your hostname...\r\n"
               b"PING :12345\r\n"
               b":irc.test NOTICE * :*** Found your hostname\r\n")
        c.send(b":irc.test 670 * :STARTTLS successful, go ahead with TLS handshake\r\n", True)
        c.tls()
    elif s == "pop3-refuse":
        c.send(b"+OK POP3 ready\r\n")
        c.line()
        c.send(b"-ERR TLS support not configured\r\n")
        time.sleep(1)
    elif s == "imap-refuse":
        c.send(b"* OK IMAP ready\r\n")
        c.line()
        c.send(b"* CAPABILITY IMAP4rev1 LOGINDISABLED\r\n. OK done\r\n")
        c.line()
        c.send(b". BAD STARTTLS not available\r\n")
        time.sleep(1)
    elif s == "ftp-refuse":
        c.send(b"220 FTP ready\r\n")
        c.line()
        c.send(b"530 Please login with USER and PASS.\r\n")
        time.sleep(1)
    elif s == "xmpp-split":  # double quotes, declaration, features split across reads
        c.until(b">")
        c.send(b'<?xml version="1.0"?><stream:stream xmlns="jabber:client" '
               b'xmlns:stream="http://etherx.jabber.org/streams" id="x" from="localhost" version="1.0">'
               b'<stream:features><starttls xmlns="urn:ietf:params:xml:ns:xmpp-tls"><required/></starttls>'
               b'</stream:features>', True)
        c.until(b"/>")
        c.send(b'<proceed xmlns="urn:ietf:params:xml:ns:xmpp-tls"/>', True)
        c.tls()
    elif s == "xmpp-hostunknown":
        c.until(b">")
        c.send(b"<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
               b"xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>"
               b"<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
               b"</stream:stream>")
        time.sleep(1)
    elif s == "postgres-inject":  # CVE-2021-23214 style: bytes buffered after 'S'
        c.exact(8)
        c.send(b"SZ\x00\x00\x00\x05I")
        time.sleep(1)
    elif s == "ldap-refuse":
        c.until(b"1.3.6.1.4.1.1466.20037")
        diag = b"TLS not configured"
        res = b"\x0a\x01\x34" + b"\x04\x00" + b"\x04" + bytes([len(diag)]) + diag  # unavailable (52)
        op = b"\x78" + bytes([len(res)]) + res
        body = b"\x02\x01\x01" + op
        c.send(b"\x30" + bytes([len(body)]) + body)
        time.sleep(1)
    elif s == "mysql-nossl":
        payload = (b"\x0a" + b"10.11.0-fake\x00" + b"\x01\x00\x00\x00" + b"abcdefgh" + b"\x00"
                   + b"\xff\xf7" + b"\x21" + b"\x02\x00" + b"\x00" * 13)
        c.send(struct.pack("<I", len(payload))[:3] + b"\x00" + payload)
        time.sleep(1)
    elif s.startswith("endless-") or s.startswith("longline-"):
        kind, proto = s.split("-", 1)
        flood(c, kind, proto)
    else:
        log("unknown scenario", s)
        sys.exit(2)


# The exchange up to the point where each protocol's flood starts, then what is
# repeated forever ("endless": a multi-line greeting or list that never ends) or
# the prefix of a 64 MiB line without LF ("longline").
def flood(c, kind, proto):
    endless = kind == "endless"
    xmpp_head = (b"<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                 b"xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>")
    if proto in ("smtp", "lmtp"):
        prefix, unit = b"220-", b"220-still greeting you\r\n"
    elif proto == "ftp":
        prefix, unit = b"220-", b"still greeting you\r\n"
        if endless:
            c.send(b"220-welcome\r\n")
    elif proto == "pop3":
        prefix, unit = b"+OK ", b"+OK still greeting you\r\n"
    elif proto == "imap":
        prefix, unit = b"* OK ", b"* CAPABILITY IMAP4rev1 STILL-GREETING-YOU\r\n"
        if endless:
            c.send(b"* OK ready\r\n")
            c.line()
    elif proto == "nntp":
        prefix, unit = b"200 ", b"X-STILL-GREETING-YOU\r\n"
        if endless:
            c.send(b"200 ready\r\n")
            c.line()
            c.send(b"101 Capability list:\r\n")
    elif proto == "sieve":
        prefix, unit = b'"', b'"IMPLEMENTATION" "still greeting you"\r\n'
    elif proto == "irc":
        prefix, unit = b":", b":irc.test NOTICE * :still greeting you\r\n"
    elif proto in ("xmpp", "xmpp-server"):
        c.until(b">")
        prefix, unit = b"<?xml version='1.0'?><stream:stream id='", b"<still-greeting-you/>"
        if endless:
            c.send(xmpp_head + b"<stream:features>")
    elif proto == "telnet":
        prefix, unit = b"", b"\xff\xfb\x01"  # IAC WILL ECHO, forever
    elif proto == "mysql":
        prefix, unit = b"\xff\xff\xff\x00\x0a", b"m" * 1024  # a 16 MiB packet that never ends
    elif proto == "postgres":
        c.exact(8)
        prefix, unit = b"S", b"p" * 1024
    elif proto == "ldap":
        c.until(b"1.3.6.1.4.1.1466.20037")
        prefix, unit = b"\x30\x84\x04\x00\x00\x00", b"\x04" * 1024  # a 64 MiB SEQUENCE
    else:
        log("no flood for", proto)
        sys.exit(2)
    try:
        if endless:
            batch = unit * max(1, 65536 // len(unit))
            c.send((prefix if proto in ("mysql", "postgres", "ldap") else b"") + batch)
            while True:
                c.send(batch)
        else:
            c.send(prefix)
            chunk = b"x" * 65536
            for _ in range(1024):
                c.send(chunk)
            time.sleep(5)
    except OSError:
        pass


def main():
    if listen.startswith("unix:"):
        path = listen[5:]
        srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        srv.bind(path)
        print("PORT unix", flush=True)
    else:
        srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        srv.bind((listen, 0))
        print("PORT", srv.getsockname()[1], flush=True)
    srv.listen(1)
    conn, _ = srv.accept()
    srv.close()
    try:
        run(Conn(conn))
    except (EOFError, OSError, ssl.SSLError) as e:
        log("ended:", repr(e))
    try:
        conn.close()
    except OSError:
        pass
    os._exit(0)


main()
