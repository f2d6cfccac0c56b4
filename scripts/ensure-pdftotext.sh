#!/usr/bin/env bash
# The signed-PDF tests read their PDFs back with Debian's poppler-utils (pdftotext, pdffonts).
set -euo pipefail
if ! command -v pdftotext >/dev/null || ! command -v pdffonts >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq poppler-utils >/dev/null
fi
