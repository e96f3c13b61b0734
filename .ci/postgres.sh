#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the store tests and prints its URL
# on standard output (everything else goes to standard error). Installs
# Debian's postgresql package if it is missing. Stop the cluster with
#   .ci/postgres.sh stop DIR
# where DIR is printed on standard error at start (also $PGDIR_FILE if set).
set -euo pipefail

if [ "${1:-}" = "stop" ]; then
	dir=${2:?usage: postgres.sh stop DIR}
	bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
	runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m immediate stop >&2 || true
	rm -rf "$dir"
	exit 0
fi

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
	echo "postgres.sh: installing postgresql" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	apt-get install -y -qq postgresql >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

# A free port: ask the kernel for one.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
	echo $((20000 + RANDOM % 20000)))

dir=$(mktemp -d /tmp/faultline-pg.XXXXXX)
chmod 755 "$dir"
run() {
	if [ "$(id -u)" = 0 ]; then
		chown -R postgres "$dir"
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}
run "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync >&2
run "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
	-o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >&2
run "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres faultline_test >&2
echo "postgres.sh: cluster in $dir (stop with: .ci/postgres.sh stop $dir)" >&2
if [ -n "${PGDIR_FILE:-}" ]; then echo "$dir" >"$PGDIR_FILE"; fi
echo "postgres://postgres@127.0.0.1:$port/faultline_test?sslmode=disable"
