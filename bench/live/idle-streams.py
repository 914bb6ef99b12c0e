"""Opens N idle SSE streams from many loopback source addresses (16 per address is the cap) and holds them."""
import socket, sys, time
port, path, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
hold = float(sys.argv[4]) if len(sys.argv) > 4 else 30
socks = []
for i in range(n):
    src = "127.0.%d.%d" % (1 + (i // 10) // 250, 2 + (i // 10) % 250)
    s = socket.socket()
    s.bind((src, 0))
    s.connect(("127.0.0.1", port))
    s.sendall(("GET %s HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n" % path).encode())
    socks.append(s)
ok = 0
for s in socks:
    s.settimeout(5)
    data = s.recv(4096)
    if data.startswith(b"HTTP/1.1 200"):
        ok += 1
print("open streams:", ok, "of", n, flush=True)
time.sleep(hold)
