#!/usr/bin/python3
"""A TCP proxy that cuts what the server sends into tiny TCP segments.

Usage: segment_proxy.py TARGET_PORT MODE [SEED]
Listens on 127.0.0.1 (kernel-chosen port, printed as "PORT n"), serves ONE
connection to 127.0.0.1:TARGET_PORT and exits (or after 120 s). Client to
server bytes pass through unchanged. Server to client bytes are written with
TCP_NODELAY one send() at a time: MODE "1" sends every byte on its own,
MODE "random" sends 1..64 bytes at a time (sizes from SEED), MODE "pause"
sends 1000 bytes at a time with 20 ms between them, so that the client
often holds part of a record and must wait for the rest. Prints the number
of bytes forwarded each way on stderr at the end. Standard library only.
"""
import os
import random
import socket
import sys
import threading
import time

target, mode = int(sys.argv[1]), sys.argv[2]
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
threading.Timer(120, lambda: os._exit(3)).start()


def up(client, server, counts):
    try:
        while True:
            d = client.recv(65536)
            if not d:
                break
            server.sendall(d)
            counts[0] += len(d)
        server.shutdown(socket.SHUT_WR)
    except OSError:
        pass


def main():
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    print("PORT", srv.getsockname()[1], flush=True)
    client, _ = srv.accept()
    srv.close()
    server = socket.create_connection(("127.0.0.1", target))
    client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    counts = [0, 0]
    t = threading.Thread(target=up, args=(client, server, counts), daemon=True)
    t.start()
    try:
        while True:
            d = server.recv(65536)
            if not d:
                break
            i = 0
            while i < len(d):
                n = {"1": 1, "pause": 1000}.get(mode) or rng.randint(1, 64)
                client.sendall(d[i:i + n])
                i += n
                if mode == "pause":
                    time.sleep(0.02)
            counts[1] += len(d)
        client.shutdown(socket.SHUT_WR)
    except OSError as e:
        print("ended:", repr(e), file=sys.stderr, flush=True)
    t.join(5)
    print("up", counts[0], "down", counts[1], file=sys.stderr, flush=True)
    os._exit(0)


main()
