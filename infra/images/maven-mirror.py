#!/usr/bin/env python3
"""A Maven repository for the images' build stage, on 127.0.0.1: files this machine's local repository (~/.m2/repository)
already holds are served from it; anything else is fetched from Maven Central once and kept in a cache of its own
(infra/images/target/maven-mirror), never written into ~/.m2. So an image whose sources changed rebuilds its Maven stage
without downloading the build's ~400 MB again (docker build --network host reaches it; the legacy builder has no cache
mounts). Usage: maven-mirror.py PORT CACHE_DIR   (infra/images.sh starts and stops it around the service images)."""
import http.server
import os
import shutil
import sys
import urllib.error
import urllib.request

PORT = int(sys.argv[1])
CACHE = sys.argv[2]
LOCAL = os.path.expanduser("~/.m2/repository")
CENTRAL = "https://repo.maven.apache.org/maven2"


class Mirror(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.serve(head=True)

    def do_GET(self):
        self.serve(head=False)

    def serve(self, head):
        path = os.path.normpath(self.path.split("?")[0]).lstrip("/")
        if path.startswith("..") or not path:
            self.send_error(404)
            return
        base, ext = os.path.splitext(path)
        if ext in (".sha1", ".md5", ".sha256", ".sha512") and os.path.isfile(os.path.join(LOCAL, base)):
            # the local repository keeps no checksums of what it verified when it downloaded it: none to offer
            self.send_error(404)
            return
        for root in (LOCAL, CACHE):
            f = os.path.join(root, path)
            # Maven's own bookkeeping files are not artifacts: never serve them as such
            if os.path.isfile(f) and not os.path.basename(f).startswith(("_remote.repositories", "maven-metadata-local")):
                return self.send_file(f, head)
        target = os.path.join(CACHE, path)
        try:
            with urllib.request.urlopen(CENTRAL + "/" + path, timeout=60) as r:
                os.makedirs(os.path.dirname(target), exist_ok=True)
                tmp = target + ".part"
                with open(tmp, "wb") as out:
                    shutil.copyfileobj(r, out)
                os.replace(tmp, target)
        except urllib.error.HTTPError as e:
            self.send_error(e.code)
            return
        except Exception:  # Central unreachable: the build says so
            self.send_error(502)
            return
        self.send_file(target, head)

    def send_file(self, f, head):
        self.send_response(200)
        self.send_header("Content-Length", str(os.path.getsize(f)))
        self.end_headers()
        if not head:
            with open(f, "rb") as src:
                shutil.copyfileobj(src, self.wfile)

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Mirror).serve_forever()
