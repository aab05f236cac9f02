#!/usr/bin/env bash
# The image's HEALTHCHECK: GET /healthz on the plain-HTTP port the server listens on, found the way
# Kestrel finds it, so `-e ASPNETCORE_HTTP_PORTS=9090` or `-e ASPNETCORE_URLS=http://+:9191` stays
# healthy. The runtime image has no curl; bash's /dev/tcp is enough. Exit 0 on a 200, else 1.
set -uo pipefail

# ASPNETCORE_ settings win over DOTNET_ ones, as in the server. When URLS is set Kestrel binds it
# and ignores HTTP_PORTS and HTTPS_PORTS. HTTPS is never asked: /healthz answers alike on plain HTTP.
urls=${ASPNETCORE_URLS:-${DOTNET_URLS:-}}
ports=${ASPNETCORE_HTTP_PORTS:-${DOTNET_HTTP_PORTS:-}}

host=127.0.0.1
port=
if [ -n "$urls" ]; then
  IFS=';' read -ra entries <<<"$urls"
  for url in "${entries[@]}"; do
    url=${url//[[:space:]]/}
    [[ ${url,,} == http://* ]] || continue
    authority=${url#*://}
    authority=${authority%%/*}
    if [[ $authority == \[* ]]; then        # [::1]:9191
      name=${authority%%]*}]
      port=${authority#"$name"}
      port=${port#:}
    else                                    # +:9191, localhost:9191, beacon
      name=${authority%%:*}
      port=${authority#"$name"}
      port=${port#:}
    fi
    port=${port:-80}
    case $name in
      '' | '+' | '*' | 0.0.0.0 | '[::]' | localhost) ;;  # every interface, or loopback: ask 127.0.0.1
      \[*\]) host=${name:1:-1} ;;
      *) host=$name ;;
    esac
    break
  done
  [ -n "$port" ] || { echo "no http:// URL in ASPNETCORE_URLS ($urls) to ask /healthz on"; exit 1; }
elif [ -n "$ports" ]; then
  IFS=';,' read -ra entries <<<"$ports"
  for p in "${entries[@]}"; do
    p=${p//[[:space:]]/}
    [ -n "$p" ] && { port=$p; break; }
  done
fi
# Neither set: the server's own default, http://localhost:8080 (Program.cs).
port=${port:-8080}
[[ $port =~ ^[0-9]+$ ]] || { echo "not a port: '$port'"; exit 1; }

# The braces keep bash's own "connect: Connection refused" out of Docker's health log.
{ exec 3<>"/dev/tcp/$host/$port"; } 2>/dev/null || { echo "nothing answers on $host port $port"; exit 1; }
printf 'GET /healthz HTTP/1.0\r\n\r\n' >&3
IFS= read -r -t 2 status <&3
status=${status%$'\r'}
echo "GET /healthz on $host port $port: ${status:-no answer}"
[[ $status == HTTP/*' 200 '* ]]
