#!/usr/bin/env bash
# A production-like run on one machine: two app servers (127.0.0.1:${APP_PORT_1:-8601} and ${APP_PORT_2:-8602})
# behind nginx on http://127.0.0.1:${LISTEN_PORT:-8600}, with sticky sessions and security headers
# (deploy/nginx/nginx.conf.template). Needs nginx (apt-get install nginx) and `make install`.
#   deploy/run_two_replicas.sh          start, print the URL and the app servers' PIDs file, wait; Ctrl-C stops all
#   deploy/run_two_replicas.sh start    start and return (for the load test); stop with: deploy/run_two_replicas.sh stop
set -euo pipefail
cd "$(dirname "$0")/.."

LISTEN_PORT="${LISTEN_PORT:-8600}"
APP_PORT_1="${APP_PORT_1:-8601}"
APP_PORT_2="${APP_PORT_2:-8602}"
PREFIX="${JHE_NGINX_PREFIX:-${TMPDIR:-/tmp}/jhe-nginx-${LISTEN_PORT}}"
PIDS="$PREFIX/app.pids"
PYTHON="${PYTHON:-.venv/bin/python}"

stop() {
    if [[ -f "$PREFIX/nginx.pid" ]]; then nginx -p "$PREFIX" -c "$PREFIX/nginx.conf" -s quit 2>/dev/null || true; fi
    if [[ -f "$PIDS" ]]; then
        local pid pids=()
        while read -r pid; do pids+=("$pid"); kill "$pid" 2>/dev/null || true; done < "$PIDS"
        # Wait (up to 20 s) until the servers have gone, so their ports are free for the next start.
        for _ in $(seq 1 40); do
            kill -0 "${pids[@]}" 2>/dev/null || break
            sleep 0.5
        done
        rm -f "$PIDS"
    fi
}

wait_healthy() {
    local url="$1"
    for _ in $(seq 1 120); do
        if "$PYTHON" -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1], timeout=2)" "$url" 2>/dev/null; then
            return 0
        fi
        sleep 0.5
    done
    echo "not healthy after 60 s: $url" >&2
    return 1
}

start() {
    command -v nginx >/dev/null || { echo "nginx is missing: apt-get install nginx" >&2; exit 1; }
    mkdir -p "$PREFIX"
    : > "$PIDS"
    for port in "$APP_PORT_1" "$APP_PORT_2"; do
        "$PYTHON" -m streamlit run app.py --server.headless true --server.address 127.0.0.1 --server.port "$port" \
            > "$PREFIX/app-$port.log" 2>&1 &
        echo $! >> "$PIDS"
    done
    for port in "$APP_PORT_1" "$APP_PORT_2"; do wait_healthy "http://127.0.0.1:$port/_stcore/health"; done
    PREFIX="$PREFIX" LISTEN_PORT="$LISTEN_PORT" APP_PORT_1="$APP_PORT_1" APP_PORT_2="$APP_PORT_2" \
        "$PYTHON" -c "import os, string, sys; print(string.Template(open(sys.argv[1]).read()).safe_substitute(os.environ))" \
        deploy/nginx/nginx.conf.template > "$PREFIX/nginx.conf"
    nginx -p "$PREFIX" -c "$PREFIX/nginx.conf" -t -q
    nginx -p "$PREFIX" -c "$PREFIX/nginx.conf"
    wait_healthy "http://127.0.0.1:$LISTEN_PORT/_stcore/health"
    echo "Justice Health Explorer: http://127.0.0.1:$LISTEN_PORT (app servers' PIDs in $PIDS)"
}

case "${1:-run}" in
    start) trap stop EXIT; start; trap - EXIT ;;  # a failed start stops what it had started
    stop) stop ;;
    run) trap stop EXIT INT TERM; start; wait ;;
    *) echo "usage: $0 [run|start|stop]" >&2; exit 2 ;;
esac
