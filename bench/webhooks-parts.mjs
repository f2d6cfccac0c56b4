/**
 * Parts of bench/webhooks.mjs: the receivers' child process, the event sources (PATCHes over REST, or SQL that
 * mirrors the fan-out), the bare Node loop, and the exactly-once check of what the receivers recorded.
 */
import { fork } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import http from "node:http";
import path from "node:path";
import { BENCH, cleanups, round2 } from "./lib.mjs";
import { drive } from "./scim-parts.mjs";

// ---------------------------------------------------------------------------------------------- receivers

/** Forks bench/webhook-receivers.mjs listening on `ports` (one secret each); { ask(msg) -> reply, pid }. */
export async function startReceivers(ports, secrets) {
  const child = fork(path.join(BENCH, "webhook-receivers.mjs"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  cleanups.push(() => {
    if (child.exitCode === null) child.kill("SIGTERM");
  });
  const waiting = [];
  child.on("message", (msg) => {
    const next = waiting.shift();
    if (msg.type === "error") next?.reject(new Error(`receivers: ${msg.message}`));
    else next?.resolve(msg);
  });
  child.on("exit", (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`receivers exited with ${code}`));
  });
  const ask = (msg) =>
    new Promise((resolve, reject) => {
      waiting.push({ resolve, reject });
      child.send(msg);
    });
  await ask({ type: "listen", ports, secrets });
  return { ask, pid: child.pid };
}

/** Waits until the receivers hold `expected` requests, then `settleMs` more (late duplicates); or `stallMs` without progress. */
export async function waitForArrivals(receivers, expected, { settleMs = 3000, stallMs = 60_000 } = {}) {
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    const { n } = await receivers.ask({ type: "count" });
    if (n !== last) {
      last = n;
      lastChange = Date.now();
    }
    if (n >= expected || Date.now() - lastChange > stallMs) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, settleMs));
  return (await receivers.ask({ type: "count" })).n;
}

// ---------------------------------------------------------------------------------------------- events

/** One PATCH of the organization's name over REST with a personal API key: [status, body]. */
async function patchName(port, orgId, key, name) {
  const res = await fetch(`http://127.0.0.1:${port}/api/organizations/${orgId}/`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ name }),
  });
  const text = await res.text();
  return [res.status, text];
}

/** `count` renames of the organization over REST, alternating between `ports`, `connections` at once. */
export function patchEvents({ count, connections, ports, orgId, key, label }) {
  return drive(
    count,
    connections,
    (i) => ({ name: `Bench Org ${label}${String(i).padStart(5, "0")}`, port: ports[i % ports.length], check: (status, text) => (status === 200 ? null : `${status} ${String(text).slice(0, 300)}`) }),
    (req) => patchName(req.port, orgId, key, req.name),
  );
}

/**
 * One statement per event, each its own transaction as the app's are: the activity entry and its deliveries to the
 * organization's webhooks subscribed to its scope, pending and due at once, as lib/services/integrations/fan-out.ts
 * writes them (the senders claim them from that table). The event's payload is `template` (a payload the app made in
 * the warm-up) with this entry's id and time.
 */
export function sqlEvents(sql, { count, connections, orgId, userId, template }) {
  const send = async () => {
    const id = randomUUID();
    const at = new Date();
    const iso = at.toISOString();
    const payload = { ...template, timestamp: iso, data: { ...template.data, id, created_at: iso } };
    await sql`
      with a as (
        insert into activity_log (id, organization_id, user_id, is_system, scope, item_id, activity, detail, created_at)
        values (${id}, ${orgId}, ${userId}, false, 'Organization', ${orgId}, 'updated', ${sql.json(template.data.detail)}, ${at})
      )
      insert into webhook_deliveries (id, integration_id, organization_id, activity_id, event_type, payload, status, attempts, next_attempt_at, created_at)
      select gen_random_uuid(), i.id, i.organization_id, ${id}, ${template.type}, ${sql.json(payload)}, 'pending', 0, ${at}, ${at}
      from organization_integrations i
      where i.organization_id = ${orgId} and i.kind = 'webhook' and i.config -> 'scopes' @> '["Organization"]'::jsonb
      on conflict do nothing`;
    return [200, null];
  };
  return drive(count, connections, () => ({ check: () => null }), send);
}

// ---------------------------------------------------------------------------------------------- the bare loop

/** `v1,` base64 HMAC-SHA256 of `<id>.<timestamp>.<body>`, as lib/services/integrations/signing.ts signs. */
function sign(secret, id, timestamp, body) {
  const key = Buffer.from(secret.startsWith("whsec_") ? secret.slice(6) : secret, "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

function post(url, agent, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", agent, headers: { "user-agent": "Orgdeck", ...headers } }, (res) => {
      res.on("data", () => {});
      res.on("end", () => resolve(res.statusCode));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * POSTs each of `deliveries` ({ webhookId, url, secret, payload }) signed with the app's headers, `concurrency` at
 * once, over keep-alive connections (`keepAlive`) or a new connection each (as the outbound helper connects for
 * requests other than webhooks).
 */
export async function bareLoop(deliveries, { concurrency, keepAlive }) {
  const agent = keepAlive ? new http.Agent({ keepAlive: true, maxSockets: concurrency }) : false;
  const started = performance.now();
  const part = await drive(
    deliveries.length,
    concurrency,
    (i) => ({ d: deliveries[i], check: (status) => (status === 204 ? null : `answered ${status}`) }),
    async ({ d }) => {
      const body = JSON.stringify(d.payload);
      const timestamp = Math.floor(Date.now() / 1000);
      const headers = { "content-type": "application/json", "webhook-id": d.webhookId, "webhook-timestamp": String(timestamp), "webhook-signature": sign(d.secret, d.webhookId, timestamp, body) };
      return [await post(d.url, agent, headers, body), null];
    },
  );
  if (agent) agent.destroy();
  return { ...part, startedAt: performance.timeOrigin + started };
}

// ---------------------------------------------------------------------------------------------- the check

const pct = (sorted, q) => round2(sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? 0);

/**
 * What the receivers recorded against what should have arrived: `expected` maps a webhook-id to { receiver, createdAt
 * (ms) }. Duplicates are repeats of an id at its receiver; misdirected ones arrived at another receiver; missing never
 * arrived; delays run from the event's time to an id's first arrival.
 */
export function check(records, expected, startedAt = null) {
  const first = new Map();
  let duplicates = 0;
  let unexpected = 0;
  let misdirected = 0;
  let badSignatures = 0;
  let unsigned = 0;
  let lastArrival = 0;
  records.forEach((r, receiver) => {
    badSignatures += r.bad.length;
    unsigned += r.unsigned;
    r.ids.forEach((id, k) => {
      const want = expected.get(id);
      if (!want) return void unexpected++;
      if (want.receiver !== receiver) return void misdirected++;
      if (first.has(id)) return void duplicates++;
      first.set(id, r.at[k]);
      lastArrival = Math.max(lastArrival, r.at[k]);
    });
  });
  const delays = [];
  let firstEvent = Infinity;
  for (const [id, want] of expected) {
    firstEvent = Math.min(firstEvent, want.createdAt);
    if (first.has(id)) delays.push(first.get(id) - want.createdAt);
  }
  delays.sort((a, b) => a - b);
  const from = startedAt ?? firstEvent;
  const seconds = (lastArrival - from) / 1000;
  return {
    expected: expected.size,
    delivered: first.size,
    missing: expected.size - first.size,
    duplicates,
    misdirected,
    unexpected,
    bad_signatures: badSignatures,
    unsigned,
    seconds: round2(seconds),
    per_second: round2(first.size / seconds),
    delay_p50_ms: pct(delays, 0.5),
    delay_p99_ms: pct(delays, 0.99),
    delay_max_ms: round2(delays.at(-1) ?? 0),
  };
}
