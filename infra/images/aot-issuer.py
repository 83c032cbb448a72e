#!/usr/bin/env python3
"""A throwaway OIDC issuer for the AOT cache's training run (infra/images.sh, infra/images/aot-train.sh).

usage: aot-issuer.py PORT       serves http://127.0.0.1:PORT/realms/training

Python's standard library and the openssl command only. At start it makes an RSA key in a temporary directory (removed
at exit; nothing is written anywhere else) and serves what a Quarkus service (quarkus.oidc.application-type=service)
fetches from its issuer: the discovery document and the JWKS. GET /realms/training/token?groups=a,b&merchant_id=...
answers a signed access token (RS256, 10 minutes) with those roles in `groups` and any other parameter as a claim, the
shape of the suite's tokens (Keycloak's and test-support's Tokens). The key, and every token signed with it, is
worthless once the process is gone.
"""
import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(sys.argv[1])
REALM = "/realms/training"
ISSUER = f"http://127.0.0.1:{PORT}{REALM}"
KID = "aot-training"
WORK = tempfile.mkdtemp(prefix="aot-issuer.")
KEY = os.path.join(WORK, "key.pem")


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


subprocess.run(["openssl", "genrsa", "-out", KEY, "2048"], check=True, capture_output=True)
modulus = subprocess.run(["openssl", "rsa", "-in", KEY, "-noout", "-modulus"], check=True, capture_output=True,
                         text=True).stdout.strip().split("=", 1)[1]
JWKS = {"keys": [{"kty": "RSA", "use": "sig", "alg": "RS256", "kid": KID, "n": b64(bytes.fromhex(modulus)),
                  "e": b64((65537).to_bytes(3, "big"))}]}
DISCOVERY = {
    "issuer": ISSUER,
    "jwks_uri": f"{ISSUER}/protocol/openid-connect/certs",
    "token_endpoint": f"{ISSUER}/protocol/openid-connect/token",
    "authorization_endpoint": f"{ISSUER}/protocol/openid-connect/auth",
    "userinfo_endpoint": f"{ISSUER}/protocol/openid-connect/userinfo",
    "end_session_endpoint": f"{ISSUER}/protocol/openid-connect/logout",
    "response_types_supported": ["code"],
    "subject_types_supported": ["public"],
    "id_token_signing_alg_values_supported": ["RS256"],
    "grant_types_supported": ["authorization_code", "client_credentials"],
}


def token(params: dict) -> str:
    now = int(time.time())
    claims = {"iss": ISSUER, "sub": params.pop("sub", "aot-training"), "preferred_username": "aot-training",
              "aud": "livecommerce", "azp": "aot-training", "typ": "Bearer", "iat": now, "exp": now + 600,
              "groups": [g for g in params.pop("groups", "").split(",") if g]}
    claims.update(params)
    signing_input = b64(json.dumps({"alg": "RS256", "typ": "JWT", "kid": KID}).encode()) + "." + \
        b64(json.dumps(claims).encode())
    signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", KEY], input=signing_input.encode(),
                               check=True, capture_output=True).stdout
    return signing_input + "." + b64(signature)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self, status, body, content_type="application/json"):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path == f"{REALM}/.well-known/openid-configuration":
            self.answer(200, json.dumps(DISCOVERY))
        elif url.path == f"{REALM}/protocol/openid-connect/certs":
            self.answer(200, json.dumps(JWKS))
        elif url.path == f"{REALM}/token":
            self.answer(200, token(dict(urllib.parse.parse_qsl(url.query))), "text/plain")
        else:
            self.answer(404, '{"error":"not found"}')

    def log_message(self, fmt, *args):
        sys.stderr.write("aot-issuer: " + (fmt % args) + "\n")


signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
try:
    server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
    print(f"aot-issuer: {ISSUER}", flush=True)
    server.serve_forever()
except (KeyboardInterrupt, SystemExit):
    pass
finally:
    shutil.rmtree(WORK, ignore_errors=True)
