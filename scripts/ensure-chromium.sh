#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (Playwright cannot download its own
# browsers here) and need a CJK font for the Chinese pages: without one, headless
# Chromium draws empty boxes in screenshots. Install both when we can, otherwise
# say exactly what to do.
#
# The font is WenQuanYi Micro Hei (fonts-wqy-microhei, about 5 MB installed), not
# Noto CJK (fonts-noto-cjk, about 91 MB): the tests only need the glyphs. It has no
# real bold, so Chromium thickens the regular face for <strong> and headings;
# install fonts-noto-cjk as well to judge bold Chinese text by eye.
set -euo pipefail
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
CJK_FONT_PACKAGE=fonts-wqy-microhei

missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
if ! command -v fc-list >/dev/null || [ -z "$(fc-list :lang=zh-cn family 2>/dev/null)" ]; then
  missing+=("$CJK_FONT_PACKAGE")
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing for the browser tests: ${missing[*]}..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "The browser tests need Chromium at $CHROMIUM and a Chinese (CJK) font." >&2
echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
echo "(or set CHROMIUM_PATH to another Chromium), then run make test again." >&2
exit 1
