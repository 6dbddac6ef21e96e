#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (Playwright cannot download its own
# browsers here). Install it when we can, otherwise say exactly what to do.
set -euo pipefail
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's Chromium for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The browser tests need Chromium at $CHROMIUM." >&2
echo "Install it with: sudo apt-get install -y chromium" >&2
echo "(or set CHROMIUM_PATH to another Chromium), then run make test again." >&2
exit 1
