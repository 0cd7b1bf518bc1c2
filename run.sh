#!/usr/bin/env bash
# Installs what is missing, builds, and runs the demo: a demo practice and
# kiosk device with a few signed events, then `attest verify` and `attest
# dump` on them. (The kiosk and the office server take over this demo as
# they are built.)
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
echo "== attest dump (headers, readable by the server)"
"$bin/attest" dump "$demo/kiosk.db"
echo
echo "== attest dump with the practice passphrase (bodies, readable only by the Security Official)"
"$bin/attest" dump --practice-key "$demo/practice.key" \
  --passphrase-file "$demo/demo-passphrase.txt" "$demo/kiosk.db"
