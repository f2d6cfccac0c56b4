import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

/**
 * `api`: HTTP against the built server (no browser). The server gets its own data folder (or DATABASE_URL when
 * set), and tests reach the same database through the admin CLI, which hands commands to the running server.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
process.env.E2E_BASE_URL = `http://localhost:${PORT}`;
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), "orgdeck-e2e-"));
// The abuse limits the suite's server runs with: low enough for a test to reach, high enough for every other spec.
process.env.E2E_INVITES_PER_HOUR ??= "60";
process.env.E2E_SIGNINS_PER_MINUTE ??= "300";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export default defineConfig({
  testDir: ".",
  outputDir: path.join(os.tmpdir(), "orgdeck-e2e-results"),
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  timeout: 30_000,
  // A run that hangs past this fails with the tests it did not reach named, well inside CI's own limit.
  globalTimeout: 40 * 60_000,
  use: { baseURL: process.env.E2E_BASE_URL },
  projects: [
    // After the api specs (as their teardown), the contract check validates every response they recorded.
    { name: "api", testDir: "./api", teardown: "api-contract" },
    { name: "api-contract", testDir: "./contract" },
    {
      name: "ui",
      testDir: "./ui",
      // Audits save every page at two sizes, and a walk-through audits several pages in both themes.
      timeout: 60_000,
      use: { browserName: "chromium", viewport: { width: 1280, height: 800 }, launchOptions: { executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS } },
    },
  ],
  webServer: {
    command: "npm run start",
    url: `http://127.0.0.1:${PORT}/readyz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      DEV_IDP_PORT: String(PORT + 1),
      SITE_URL: `http://localhost:${PORT}`,
      ORGDECK_DATA_DIR: process.env.E2E_DATA_DIR,
      SESSION_SENSITIVE_ACTIONS_AGE: process.env.E2E_SENSITIVE_AGE ?? "7200",
      RATE_LIMIT_INVITES_PER_HOUR: process.env.E2E_INVITES_PER_HOUR,
      RATE_LIMIT_SIGNINS_PER_MINUTE: process.env.E2E_SIGNINS_PER_MINUTE,
      // As behind one reverse proxy: tests name their client in X-Forwarded-For.
      TRUSTED_PROXIES: "1",
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
      SMTP_URL: "smtp://127.0.0.1:3125",
      EMAIL_FROM: "Orgdeck <orgdeck@example.test>",
      // Domain verification asks only this server: the domain specs run a DNS server here (e2e/support/dns.ts).
      DNS_SERVERS: "127.0.0.1:3153",
      // Webhook specs run their receivers on 127.0.0.1 and wait for retries.
      ORGDECK_ALLOW_PRIVATE_URLS: "1",
      ORGDECK_WEBHOOK_RETRY_BASE_SECONDS: "1",
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    },
  },
});
