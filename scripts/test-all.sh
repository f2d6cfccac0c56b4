#!/usr/bin/env bash
# Every test: types and lint, unit and integration tests, the production build, then the Playwright projects.
# Runs on the embedded database unless DATABASE_URL is set. Installs Debian's poppler-utils for the PDF tests, and
# Debian's Chromium when browser specs exist.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n=== %s\n' "$*"; }

step "types and lint"
npx tsc --noEmit
npx eslint .

step "unit and integration tests"
bash scripts/ensure-pdftotext.sh
npm run --silent test:unit

step "production build"
npm run --silent build

step "HTTP tests (Playwright api project)"
npm run --silent test:e2e:api

if compgen -G "e2e/ui/*.spec.ts" >/dev/null; then
  bash scripts/ensure-chromium.sh
  step "browser tests (Playwright ui project)"
  npm run --silent test:e2e:ui
fi
