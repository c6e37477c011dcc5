#!/usr/bin/env bash
# Installs the Debian packages Prongsai needs, only when something is missing.
#   scripts/system-deps.sh run    — what `make run` needs (PDF rendering, Thai fonts, translations)
#   scripts/system-deps.sh test   — plus Chromium for browser tests and poppler for looking at PDFs
set -euo pipefail
mode="${1:-run}"
missing=()

have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }

have_lib libpango-1.0.so.0 || missing+=(libpango-1.0-0)
have_lib libpangoft2-1.0.so.0 || missing+=(libpangoft2-1.0-0)
have_lib libharfbuzz-subset.so.0 || missing+=(libharfbuzz-subset0)
test -n "$(fc-list :lang=th 2>/dev/null || true)" || missing+=(fonts-thai-tlwg)
command -v msgfmt >/dev/null || missing+=(gettext)
if [ "$mode" = test ]; then
  command -v chromium >/dev/null || missing+=(chromium)
  command -v pdftoppm >/dev/null || missing+=(poppler-utils)
  test -x /usr/lib/postgresql/15/bin/initdb || missing+=(postgresql-15)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q </dev/null
apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
