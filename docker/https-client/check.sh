#!/usr/bin/env bash
# The example client of docker/compose.https.yaml: reaches the mock the way an unmodified LangGraph or
# LangSmith container would, by the public names (the compose network aliases them to the mock) over
# HTTPS on port 443, trusting only the CA in $SSL_CERT_FILE. Exit 0 when every answer is the one
# expected, else 1.
#
# It needs bash and openssl and nothing else, so it runs on the .NET runtime image as it is: openssl is
# there because ca-certificates depends on it (official images and this repository's stand-ins alike);
# curl is not.
set -uo pipefail
export LC_ALL=C   # ${#body} counts bytes
ca=${SSL_CERT_FILE:?set SSL_CERT_FILE to the mock CA certificate (PEM)}
license=${BEACON_LICENSE:-lcl_compose_example}
tls_log=$(mktemp)
trap 'rm -f "$tls_log"' EXIT

# https METHOD URL [BODY [HEADER]]: sends one HTTP/1.0 request (so the answer comes unchunked and the server
# closes), verifying the server's certificate for the URL's host against $ca alone (no default store);
# prints the status and body, and sets $status. The server closes without a TLS close_notify, as many do
# after an HTTP/1.0 answer; OpenSSL 3 calls that an error unless told not to.
https() {
  local method=$1 url=$2 body=${3-} header=${4-}
  local rest=${url#https://}
  local host=${rest%%/*} path=/${rest#*/}
  local request="$method $path HTTP/1.0"$'\r\n'"Host: $host"$'\r\n'"User-Agent: beacon-https-client"$'\r\n'
  [ -n "$header" ] && request+="$header"$'\r\n'
  [ -n "$body" ] && request+="Content-Type: application/json"$'\r\n'"Content-Length: ${#body}"$'\r\n'
  request+=$'\r\n'"$body"
  local answer
  answer=$(printf '%s' "$request" | openssl s_client -quiet -connect "$host:443" -servername "$host" \
    -verify_hostname "$host" -verify_return_error -CAfile "$ca" -no-CApath -no-CAstore \
    -ignore_unexpected_eof 2>"$tls_log")
  local code=$?
  status=$(sed -n '1s/^HTTP\/[0-9.]* \([0-9]*\).*/\1/p' <<<"$answer")
  if [ $code -ne 0 ] || [ -z "$status" ]; then
    echo "$method $url: no HTTPS answer (openssl exit $code): $(grep -v -e '^depth=' -e '^verify return' "$tls_log" | head -3 | tr '\n' ' ')"
    status=000
    return
  fi
  printf '%s %s -> %s %s\n' "$method" "$url" "$status" "$(sed -n '/^\r\{0,1\}$/,$p' <<<"$answer" | tr -d '\r\n' | cut -c1-100)"
}

failed=0
expect() { # expect STATUS WHAT
  if [ "$status" = "$1" ]; then echo "  ok: $2"; else echo "  FAILED: $2 (expected $1, got $status)"; failed=1; fi
}

now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
hour_ago=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)

https POST https://beacon.langchain.com/v1/beacon/verify "{\"license\":\"$license\"}"
expect 200 "license verified at beacon.langchain.com"

https POST https://beacon.langchain.com/v1/beacon/metadata/submit \
  "{\"license_key\":\"$license\",\"from_timestamp\":\"$hour_ago\",\"to_timestamp\":\"$now\",\"tags\":{\"langgraph.platform.variant\":\"licensed\"},\"measures\":{\"langgraph.platform.runs\":3,\"langgraph.platform.nodes\":9},\"logs\":[]}"
expect 204 "LangGraph metadata accepted at its hard-coded URL"

https POST https://beacon.langchain.com/v1/beacon/v1/logs \
  '{"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"https-client"}}]},"scopeLogs":[{"logRecords":[{"severityNumber":9,"body":{"stringValue":"hello over HTTPS"}}]}]}]}' \
  "X-Langchain-License-Key: $license"
expect 200 "OTLP logs export accepted"

https GET 'https://api.smith.langchain.com/auth?langgraph-api=true' '' "X-Api-Key: lsv2_compose_example"
expect 200 "API key checked at api.smith.langchain.com"

[ $failed = 0 ] && echo "all answered over HTTPS by name, trusting only $ca" || echo "some checks failed"
exit $failed
