"""Holds slow and idle clients against a local server: N POSTs whose body arrives at 1 byte/s, M idle keep-alive
connections (each made one GET first). Runs for the given seconds, then closes everything. Loopback only."""
import socket
import sys
import time

port, slow_n, idle_n, seconds = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
path = "/sdata/myApp/myContract/-/contacts"
body = (b'<entry xmlns="http://www.w3.org/2005/Atom"><content/></entry>' * 10)
idle, slow = [], []
for _ in range(idle_n):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(("GET %s?count=1 HTTP/1.1\r\nHost: x\r\n\r\n" % path).encode())
    data = b""
    while b"</feed>" not in data:
        data += s.recv(65536)
    idle.append(s)
for _ in range(slow_n):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(("POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/atom+xml\r\nContent-Length: %d\r\n\r\n"
               % (path, len(body))).encode())
    slow.append(s)
end = time.time() + seconds
i = 0
while time.time() < end and i < len(body):
    for s in list(slow):
        try:
            s.sendall(body[i:i + 1])
        except OSError:
            # cut off by the server's deadline: a new slow client takes its place
            slow.remove(s)
            n = socket.create_connection(("127.0.0.1", port))
            n.sendall(("POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/atom+xml\r\nContent-Length: %d\r\n\r\n"
                       % (path, len(body))).encode())
            slow.append(n)
    i += 1
    time.sleep(1)
for s in idle + slow:
    s.close()
