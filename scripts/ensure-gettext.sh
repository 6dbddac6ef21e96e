#!/usr/bin/env bash
# GNU gettext (xgettext, msgfmt) makes and compiles the translation catalogs
# (make messages) and lets tests/i18n/test_catalog.py check them. The site itself
# does not need it: it reads the committed .mo files. Install it when we can,
# otherwise say exactly what to do.
set -euo pipefail
if command -v xgettext >/dev/null && command -v msgfmt >/dev/null; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing GNU gettext for the translation catalogs..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null
  exit 0
fi
echo "Making and checking the translation catalogs needs GNU gettext." >&2
echo "Install it with: sudo apt-get install -y gettext (macOS: brew install gettext)," >&2
echo "then run make again." >&2
exit 1
