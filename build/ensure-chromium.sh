#!/usr/bin/env bash
# Installs Debian's Chromium for the browser test when it is missing (root only; the test says what to do otherwise).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "warning: Chromium is missing and cannot be installed here; run: sudo apt-get install chromium" >&2
  exit 0
fi
echo "Installing Chromium for the browser test (apt-get install chromium)..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
