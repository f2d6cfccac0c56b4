import assert from "node:assert/strict";
import path from "node:path";
import { describe, test } from "node:test";
import { env, EnvError, resetEnvCache } from "./env";

const KEYS = [
  "PORT",
  "SITE_URL",
  "ORGDECK_DATA_DIR",
  "DATABASE_URL",
  "AUTH_SECRET",
  "SESSION_SENSITIVE_ACTIONS_AGE",
  "LOG_LEVEL",
  "OIDC_ISSUER",
  "OIDC_CLIENT_ID",
  "OIDC_CLIENT_SECRET",
  "ORGDECK_DEV_IDP",
  "OIDC_TRUST_EMAILS",
  "DNS_SERVERS",
  "STORAGE_URL",
  "STORAGE_ACCESS_KEY_ID",
  "STORAGE_SECRET_ACCESS_KEY",
];
const OIDC = { OIDC_ISSUER: "https://idp.example.test", OIDC_CLIENT_ID: "orgdeck" };

/**
 * Runs `fn` with exactly these settings, then puts the real ones back and forgets the parsed value. All synchronous:
 * every other test in this process reads env(), and nothing else may run while process.env is changed.
 */
function withEnv(values: Record<string, string>, fn: () => void) {
  const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
  for (const k of KEYS) delete process.env[k];
  Object.assign(process.env, values);
  resetEnvCache();
  try {
    fn();
  } finally {
    for (const k of KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    resetEnvCache();
  }
}

describe("env()", () => {
  test("defaults: PORT 3000, SITE_URL from the port, .data, 7200 s, info", () => {
    withEnv({}, () => {
      const e = env();
      assert.equal(e.PORT, 3000);
      assert.equal(e.SITE_URL, "http://localhost:3000");
      assert.equal(e.SITE_ORIGIN, "http://localhost:3000");
      assert.equal(e.ORGDECK_DATA_DIR, ".data");
      assert.equal(e.DATA_DIR, path.resolve(".data"));
      assert.equal(e.DATABASE_URL, undefined);
      assert.equal(e.AUTH_SECRET, undefined);
      assert.equal(e.SESSION_SENSITIVE_ACTIONS_AGE, 7200);
      assert.equal(e.LOG_LEVEL, "info");
    });
  });

  test("SITE_URL follows PORT when unset; empty values count as unset", () => {
    withEnv({ PORT: "4123", SITE_URL: "" }, () => {
      assert.equal(env().PORT, 4123);
      assert.equal(env().SITE_URL, "http://localhost:4123");
    });
  });

  test("SITE_URL loses its trailing slash and gives SITE_ORIGIN", () => {
    withEnv({ SITE_URL: "https://orgs.example.test:8443/console/", ...OIDC }, () => {
      assert.equal(env().SITE_URL, "https://orgs.example.test:8443/console");
      assert.equal(env().SITE_ORIGIN, "https://orgs.example.test:8443");
    });
  });

  test("valid settings are parsed", () => {
    const values = {
      PORT: "8080",
      DATABASE_URL: "postgresql://u@db.example.test/orgdeck",
      AUTH_SECRET: "x".repeat(32),
      SESSION_SENSITIVE_ACTIONS_AGE: "60",
      LOG_LEVEL: "silent",
      ORGDECK_DATA_DIR: "/var/lib/orgdeck",
    };
    withEnv(values, () => {
      const e = env();
      assert.equal(e.PORT, 8080);
      assert.equal(e.DATABASE_URL, values.DATABASE_URL);
      assert.equal(e.SESSION_SENSITIVE_ACTIONS_AGE, 60);
      assert.equal(e.LOG_LEVEL, "silent");
      assert.equal(e.DATA_DIR, "/var/lib/orgdeck");
    });
  });

  test("the value is cached until resetEnvCache", () => {
    withEnv({ PORT: "3001" }, () => {
      assert.equal(env().PORT, 3001);
      process.env.PORT = "3002";
      assert.equal(env().PORT, 3001);
      resetEnvCache();
      assert.equal(env().PORT, 3002);
    });
  });

  test("the development identity provider starts on a loopback SITE_URL without OIDC_ISSUER (a fresh clone)", () => {
    for (const site of ["", "http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"]) {
      withEnv({ SITE_URL: site }, () => assert.equal(env().DEV_IDP, true, site));
    }
    withEnv({ SITE_URL: "http://localhost:3000", ORGDECK_DEV_IDP: "0" }, () => assert.equal(env().DEV_IDP, false));
    withEnv({ SITE_URL: "http://localhost:3000", ...OIDC }, () => assert.equal(env().DEV_IDP, false));
    withEnv({ SITE_URL: "https://orgs.example.test", ORGDECK_DEV_IDP: "1" }, () => assert.equal(env().DEV_IDP, true));
    withEnv({ SITE_URL: "https://orgs.example.test", ...OIDC }, () => assert.equal(env().DEV_IDP, false));
  });

  test("a public SITE_URL without OIDC_ISSUER is an error naming OIDC_ISSUER", () => {
    for (const site of ["https://orgs.example.test", "http://10.0.0.5:3000", "http://localhost.example.test", "http://0.0.0.0:3000"]) {
      withEnv({ SITE_URL: site }, () => assert.throws(() => env(), (err: unknown) => err instanceof EnvError && /OIDC_ISSUER/.test(err.message), site));
    }
  });

  test("OIDC_CLIENT_ID without OIDC_ISSUER is an error naming OIDC_ISSUER", () => {
    withEnv({ OIDC_CLIENT_ID: "orgdeck" }, () => {
      assert.throws(() => env(), (err: unknown) => err instanceof EnvError && /^Invalid configuration: OIDC_ISSUER\b/.test(err.message));
    });
  });

  test("OIDC_TRUST_EMAILS is off unless set to 1", () => {
    withEnv({}, () => assert.equal(env().OIDC_TRUST_EMAILS, false));
    withEnv({ OIDC_TRUST_EMAILS: "1" }, () => assert.equal(env().OIDC_TRUST_EMAILS, true));
  });

  test("DNS_SERVERS: unset, the system's resolvers; set, each server as host:port", () => {
    withEnv({}, () => assert.equal(env().DNS_SERVERS, undefined));
    withEnv({ DNS_SERVERS: "127.0.0.1:3153, [::1]" }, () => assert.deepEqual(env().DNS_SERVERS, ["127.0.0.1:3153", "[::1]:53"]));
  });

  test("an invalid DNS_SERVERS names the variable and the bad entry", () => {
    withEnv({ DNS_SERVERS: "192.0.2.1, resolver.example.test:53" }, () =>
      assert.throws(() => env(), {
        message: 'Invalid configuration: DNS_SERVERS "resolver.example.test:53" is not an IP address with an optional port (like 192.0.2.53, 192.0.2.53:5353 or [2001:db8::53]:5353)',
      }),
    );
  });

  test("STORAGE_URL: an S3 bucket or a folder; the access key pair is set together or not at all", () => {
    withEnv({ STORAGE_URL: "s3://orgdeck-files?endpoint=http://127.0.0.1:9000&region=eu-west-1&force_path_style=true" }, () =>
      assert.match(env().STORAGE_URL ?? "", /^s3:\/\/orgdeck-files\?/),
    );
    withEnv({ STORAGE_URL: "file:///srv/orgdeck/files" }, () => assert.equal(env().STORAGE_URL, "file:///srv/orgdeck/files"));
    withEnv({ STORAGE_ACCESS_KEY_ID: "AKIDEXAMPLE" }, () =>
      assert.throws(() => env(), { message: "Invalid configuration: STORAGE_ACCESS_KEY_ID and STORAGE_SECRET_ACCESS_KEY are set together or not at all" }),
    );
  });

  for (const [name, value] of [
    ["ORGDECK_DEV_IDP", "yes"],
    ["OIDC_TRUST_EMAILS", "true"],
    ["PORT", "not-a-port"],
    ["PORT", "70000"],
    ["SITE_URL", "ftp://example.test"],
    ["SITE_URL", "not a url"],
    ["DATABASE_URL", "mysql://localhost/db"],
    ["AUTH_SECRET", "short"],
    ["SESSION_SENSITIVE_ACTIONS_AGE", "0"],
    ["LOG_LEVEL", "loud"],
    ["DNS_SERVERS", "dns.example.test"],
    ["DNS_SERVERS", "192.0.2.1:99999"],
    ["STORAGE_URL", "ftp://files.example.test/"],
    ["STORAGE_URL", "s3://?region=eu-west-1"],
    ["STORAGE_URL", "s3://Not_A_Bucket"],
    ["STORAGE_URL", "s3://orgdeck?endpoint=not-a-url"],
    ["STORAGE_URL", "s3://orgdeck?endpoint=ftp://s3.example.test"],
    ["STORAGE_URL", "s3://orgdeck?force_path_style=yes"],
    ["STORAGE_URL", "s3://orgdeck?regoin=eu-west-1"],
    ["STORAGE_URL", "file://host.example.test/srv/files"],
  ]) {
    test(`an invalid ${name} (${value}) is an EnvError naming the variable`, () => {
      withEnv({ [name]: value }, () => {
        assert.throws(
          () => env(),
          (err: unknown) => {
            assert.ok(err instanceof EnvError);
            assert.match(err.message, new RegExp(`^Invalid configuration: ${name}\\b`));
            return true;
          },
        );
      });
    });
  }
});
