#!/usr/bin/env bash
# Third-party headers may be included only where DESIGN.md puts them.
# System headers are on every include path, so the build cannot enforce this
# the way it enforces our own folders; this test does.
set -u
root="$1"
fail=0
check() {  # pattern, allowed path regex, what
  local hits
  hits=$(grep -rnE "#include *[<\"]($1)" "$root/app" "$root/platform" "$root/sync" \
           --include='*.h' --include='*.cpp' 2>/dev/null | grep -vE "^$root/($2)" || true)
  if [ -n "$hits" ]; then
    echo "$3 included outside $2:"
    echo "$hits"
    fail=1
  fi
}
check 'sodium|openssl/' 'app/crypto/' 'libsodium/OpenSSL'
check 'sqlite3\.h' 'app/store/' 'SQLite'
check 'SDL|imgui' 'platform/sdl/|app/ui/' 'SDL/Dear ImGui'
check 'httplib' 'sync/' 'cpp-httplib'
check 'hpdf' 'app/report/pdf_writer\.h' 'libharu'
check 'archive' 'sync/server/dashboard/zip_folder\.cpp' 'libarchive'
if [ "$fail" -eq 0 ]; then echo "third-party includes are where they belong"; fi
exit "$fail"
