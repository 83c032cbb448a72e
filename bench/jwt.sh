#!/usr/bin/env bash
# Mints an RS256 access token for benchmarks, signed with bench/.keys/private.pem (created on first
# use). The service under benchmark verifies it locally with quarkus.oidc.public-key: real JWT
# signature verification on every request, no IdP round trip.
# usage: bench/jwt.sh ROLE [CLAIM=VALUE ...]     prints the token
#        bench/jwt.sh --public-key              prints the base64 DER public key
set -euo pipefail
KEYS="$(cd "$(dirname "$0")" && pwd)/.keys"
mkdir -p "$KEYS"
if [[ ! -f "$KEYS/private.pem" ]]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/private.pem" 2>/dev/null
  openssl pkey -in "$KEYS/private.pem" -pubout -out "$KEYS/public.pem"
fi
if [[ "${1:-}" == "--public-key" ]]; then
  grep -v -- "-----" "$KEYS/public.pem" | tr -d '\n'; echo; exit 0
fi
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
role="${1:?role}"; shift
now=$(date +%s)
claims=""
for kv in "$@"; do claims="$claims,\"${kv%%=*}\":\"${kv#*=}\""; done
header=$(printf '{"alg":"RS256","typ":"JWT","kid":"bench"}' | b64url)
payload=$(printf '{"iss":"bench","sub":"bench-%s","preferred_username":"bench-%s","groups":["%s"],"iat":%d,"exp":%d%s}' \
  "$role" "$role" "$role" "$now" "$((now + 7200))" "$claims" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$KEYS/private.pem" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
