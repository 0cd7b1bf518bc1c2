#!/usr/bin/env bash
# Installs what is missing, builds, and starts the demo: the office server
# for a demo practice (Riverside Family Dental, four staff with demo PINs)
# on 127.0.0.1, and a kiosk paired to it that syncs every record it makes.
# With a display the kiosk opens in a window; without one it runs its
# guided tour headless and writes the screenshots. Either way the server
# then verifies what the kiosk sent.
set -euo pipefail
cd "$(dirname "$0")"
source .ci/bootstrap.sh
attest_install_packages
attest_build
bin="${ATTEST_BUILD_DIR:-build}"
demo="${ATTEST_DEMO_DIR:-$PWD/demo-data}"
port="${ATTEST_DEMO_PORT:-8750}"
server="$demo/server"
kiosk="$demo/kiosk"

rm -rf "$demo"
mkdir -p "$demo"
chmod 700 "$demo"
echo "demo practice passphrase" > "$demo/demo-passphrase.txt"
chmod 600 "$demo/demo-passphrase.txt"

echo
echo "== The office server: attest-server init $server"
"$bin/sync/server/attest-server" init "$server" --practice-name "Riverside Family Dental" \
  --passphrase-file "$demo/demo-passphrase.txt"
echo
echo "== The staff roster (demo PINs; real staff get enrollment codes)"
"$bin/app/attest" roster import --server "$server" --demo-pins docs/demo-staff.csv
echo
echo "== The owner designates Dana Whitfield as Security Official (a signed record)"
"$bin/app/attest" designate security --server "$server" --person p-0001 --effective 2026-01-05 \
  --duties "Develops and carries out the practice's security policies, runs workforce training, reviews incidents." \
  --by "Dr. Alan Reyes, practice owner"
# The kiosk shows the demo logins on its start screen in --demo mode.
awk -F, 'NR > 1 { printf "%s{\"name\": \"%s\", \"pin\": \"%s\"}", (n++ ? ",\n " : "[\n "), $1, $5 }
         END { print "\n]" }' docs/demo-staff.csv > "$kiosk.logins.json"

echo
echo "== Serving on http://127.0.0.1:$port (log: $demo/server.log)"
"$bin/sync/server/attest-server" serve "$server" --listen "127.0.0.1:$port" \
  --port-file "$demo/server.port" > "$demo/server.log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$demo/server.port" ] && break; sleep 0.1; done
if [ ! -s "$demo/server.port" ]; then
  cat "$demo/server.log"
  echo "The server did not start (is port $port in use? set ATTEST_DEMO_PORT)." >&2
  exit 1
fi

echo "   The Security Official's dashboard: http://127.0.0.1:$port/ (passphrase: demo practice passphrase)"

echo
echo "== Pairing the kiosk with a one-time code"
code=$("$bin/sync/server/attest-server" pair "$server" | sed -n 's/^Pairing code: *//p')
echo "   code $code"
mkdir -p "$kiosk"
mv "$kiosk.logins.json" "$kiosk/demo-logins.json"
pair=(--pair "http://127.0.0.1:$port" --pair-code "$code" --device-name "Front desk kiosk")

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${ATTEST_HEADLESS:-}" ]; then
  echo "== Starting the kiosk. Demo PINs are on its start screen. Close the window to stop."
  echo "   While it runs, the dashboard is at http://127.0.0.1:$port/ in a browser."
  "$bin/app/attest-kiosk" --data "$kiosk" --demo "${pair[@]}" "$@"
else
  shots="$demo/screenshots"
  echo "== No display: running the kiosk's guided tour headless (docs/tour.script)"
  SDL_VIDEODRIVER=offscreen "$bin/app/attest-kiosk" --data "$kiosk" --demo "${pair[@]}" \
    --script docs/tour.script --screenshot "$shots"
  echo "   Screenshots of every step are in $shots"
fi

echo
echo "== Syncing what is left and stopping the server"
"$bin/app/attest" verify "$kiosk/kiosk.db"
kill -TERM "$server_pid"
wait "$server_pid" || true
trap - EXIT
tail -n 4 "$demo/server.log"
echo
echo "== attest-server verify: every record the kiosk made is on the server"
"$bin/sync/server/attest-server" devices "$server"
"$bin/sync/server/attest-server" verify "$server"

echo
echo "== The Security Official's reports, from the server's records"
"$bin/app/attest" report all --server "$server" --passphrase-file "$demo/demo-passphrase.txt" \
  --format csv,html,pdf --out "$demo/reports"
echo "   Open $demo/reports/compliance-matrix.pdf or any .html file in it."
