#!/usr/bin/env bash
# The browser specs read signed PDFs back with Debian's pdftotext (poppler-utils).
set -euo pipefail
if ! command -v pdftotext >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq poppler-utils >/dev/null
fi
