#!/usr/bin/env bash
# Installs what the browser journeys need, where this machine allows it:
#  - Debian's chromium + chromium-driver (Playwright launches it by executable path;
#    Playwright's own browser download does not work without internet);
#  - poppler-utils (pdftoppm) to render the printed reports to PNG in tests;
#  - axe-core from the npm registry (test-only accessibility checks) into tests/e2e/node_modules.
# Never fails the build: the journey tests report clearly when something is missing.
set -u
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian chromium for the browser tests…"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-dejavu-core >/dev/null) \
      || echo "Could not install chromium; browser journeys will be skipped."
  else
    echo "chromium not found and cannot be installed here; browser journeys will be skipped."
  fi
fi
# poppler-utils: pdftoppm renders the printed reports to PNG pages in tests/reports/.
if ! command -v pdftoppm >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null) \
      || echo "Could not install poppler-utils; report pages will not be rendered to PNG."
  else
    echo "pdftoppm not found; report pages will not be rendered to PNG."
  fi
fi
if [ ! -f tests/e2e/node_modules/axe-core/axe.min.js ]; then
  if command -v npm >/dev/null 2>&1; then
    (cd tests/e2e && npm install --no-audit --no-fund --silent >/dev/null 2>&1) \
      || echo "Could not install axe-core; accessibility checks will be skipped."
  else
    echo "npm not found; accessibility checks will be skipped."
  fi
fi
exit 0
