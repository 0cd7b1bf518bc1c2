#!/usr/bin/env bash
# Installs what is missing, builds, and starts the demo: a demo practice
# (Riverside Family Dental: four staff, a practice key, a kiosk device and a
# few signed records) and the kiosk on it. With a display the kiosk opens in
# a window; without one it runs its guided tour headless and writes the
# screenshots. (The office server joins this demo when it is built.)
set -euo pipefail
cd "$(dirname "$0")"
source .ci/bootstrap.sh
attest_install_packages
attest_build
bin="${ATTEST_BUILD_DIR:-build}/app"
demo="${ATTEST_DEMO_DIR:-$PWD/demo-data}"

rm -rf "$demo"
echo
echo "== Creating a demo practice in $demo"
"$bin/attest" demo "$demo"
echo
echo "== attest verify $demo/kiosk.db"
"$bin/attest" verify "$demo/kiosk.db"
echo

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${ATTEST_HEADLESS:-}" ]; then
  echo "== Starting the kiosk. Demo PINs are on its start screen. Close the window to stop."
  "$bin/attest-kiosk" --data "$demo" --demo "$@"
else
  shots="$demo/screenshots"
  echo "== No display: running the kiosk's guided tour headless (docs/tour.script)"
  SDL_VIDEODRIVER=offscreen "$bin/attest-kiosk" --data "$demo" --demo \
    --script docs/tour.script --screenshot "$shots"
  echo "   Screenshots of every step are in $shots"
fi
echo
echo "== attest verify after the kiosk session"
"$bin/attest" verify "$demo/kiosk.db"
echo
echo "== The records, opened with the demo practice passphrase (what the Security Official sees)"
"$bin/attest" dump --practice-key "$demo/practice.key" \
  --passphrase-file "$demo/demo-passphrase.txt" "$demo/kiosk.db"
