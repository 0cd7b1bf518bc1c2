#!/usr/bin/env bash
# Installs the Debian 12 packages Attest builds and tests with, and nothing
# else. Checks with dpkg first and runs apt-get only when something is missing,
# so a machine that already has everything is not touched. Works as root or
# through sudo. Sourced by run.sh and test.sh.
set -euo pipefail

attest_packages=(
  g++ cmake make pkg-config
  libsqlite3-dev libsodium-dev libssl-dev
  nlohmann-json3-dev libcli11-dev doctest-dev
  libcpp-httplib-dev libhpdf-dev openssl libarchive-dev
  libimgui-dev libsdl2-dev fonts-dejavu-core xvfb xauth
  poppler-utils python3-fonttools
  postgresql-15 libpq-dev
  chromium chromium-driver python3-selenium
)

attest_missing_packages() {
  local p
  for p in "${attest_packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      echo "$p"
    fi
  done
}

attest_install_packages() {
  local missing
  missing=$(attest_missing_packages | tr '\n' ' ')
  if [ -z "${missing// /}" ]; then
    attest_restore_imgui_backends
    return 0
  fi
  echo "attest: installing missing packages: $missing"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo="sudo"
    else
      echo "attest: need root or sudo to install: $missing" >&2
      return 1
    fi
  fi
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
  attest_restore_imgui_backends
}

# The kiosk compiles Dear ImGui's SDL backends from libimgui-dev's doc
# folder; an image that stripped /usr/share/doc after install lost them.
attest_restore_imgui_backends() {
  local f=/usr/share/doc/libimgui-dev/examples/backends/imgui_impl_sdlrenderer.cpp
  if [ ! -f "$f" ] && dpkg-query -W libimgui-dev >/dev/null 2>&1; then
    echo "attest: $f is missing; reinstalling libimgui-dev"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --reinstall libimgui-dev || true
  fi
}

# Configures and builds into build/ with every core.
attest_build() {
  local build_dir="${ATTEST_BUILD_DIR:-build}"
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="${ATTEST_BUILD_TYPE:-RelWithDebInfo}" "$@"
  cmake --build "$build_dir" -j "$(nproc)"
}
