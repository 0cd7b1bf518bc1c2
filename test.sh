#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through ctest.
set -euo pipefail
cd "$(dirname "$0")"
source .ci/bootstrap.sh
attest_install_packages
attest_build -DATTEST_WERROR=ON
cd "${ATTEST_BUILD_DIR:-build}"
ctest --output-on-failure -j "$(nproc)" "$@"
