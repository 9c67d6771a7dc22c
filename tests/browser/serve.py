"""A static server for the browser tests: serves one folder on 127.0.0.1 (a free port, printed
on the first line), answers a missing path with the folder's 404.html and status 404, as static
hosts do, and exits when its standard input closes (the test process ended).
Usage: python3 serve.py DIR"""
import http.server
import os
import sys
import threading

root = os.path.abspath(sys.argv[1])
http.server.SimpleHTTPRequestHandler.extensions_map.update({
    ".js": "text/javascript; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".webmanifest": "application/manifest+json",
    ".woff2": "font/woff2",
})


class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=root, **kwargs)

    def send_error(self, code, message=None, explain=None):
        page = os.path.join(root, "404.html")
        if code != 404 or not os.path.isfile(page):
            return super().send_error(code, message, explain)
        with open(page, "rb") as f:
            body = f.read()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()  # returns when the test process ends and its end of the pipe closes
