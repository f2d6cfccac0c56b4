/**
 * Parts of bench/scim.mjs: the Okta users it provisions, the concurrent request loop, the bulk top-up to the
 * membership count of the plans, and EXPLAIN ANALYZE of the list's statements.
 */
import { randomBytes } from "node:crypto";
import { asciiName } from "./names.mjs";
import { listStatements } from "./scim-queries.mjs";
import { round2, say } from "./lib.mjs";

const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** An Okta user id: `00u` and 17 characters, fixed per index. */
function oktaId(i) {
  let n = BigInt(i) * 7_919_000_003n + 1_000_000_007n;
  let id = "";
  for (let k = 0; k < 17; k++) {
    id += BASE62[Number(n % 62n)];
    n = n / 62n + BigInt(k * 31 + i);
  }
  return `00u${id}`;
}

/**
 * People of bench/names.mjs as Okta's `POST /Users` bodies at `domain`: a unique userName (the ASCII local part of
 * their address, numbered when taken), name, one primary work email, displayName, locale, externalId, groups, active.
 */
export function bodies(people, domain) {
  const taken = new Map();
  return people.map((p, i) => {
    const base = p.email.slice(0, p.email.indexOf("@")).replace(/\d+$/, "") || asciiName(p.last_name);
    const n = (taken.get(base) ?? 0) + 1;
    taken.set(base, n);
    const userName = `${n === 1 ? base : `${base}${n}`}@${domain}`;
    return {
      person: p,
      body: {
        schemas: [USER_SCHEMA],
        userName,
        name: { givenName: p.first_name, familyName: p.last_name },
        emails: [{ primary: true, value: userName, type: "work" }],
        displayName: `${p.first_name} ${p.last_name}`,
        locale: "en-US",
        externalId: oktaId(i),
        groups: [],
        active: true,
      },
    };
  });
}

/**
 * `count` requests over `connections` workers: request i is `make(i)` ({ method, query, body, check }), sent by
 * `send`; each timed from its start to the end of its body, and checked. { samples (ms), errors, ms }.
 */
export async function drive(count, connections, make, send) {
  const samples = [];
  const errors = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const req = make(next++);
      const t0 = performance.now();
      try {
        const [status, json] = await send(req);
        const problem = req.check(status, json);
        if (problem) errors.push(problem);
      } catch (err) {
        errors.push(String(err?.cause?.code ?? err?.message ?? err));
      }
      samples.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: Math.min(connections, count) }, worker));
  return { samples, errors, ms: performance.now() - started };
}

/**
 * Tops the tenant's organization up to `members` memberships in bulk (users, memberships and SCIM rows as
 * provisioning makes them, created after the provisioned ones), then VACUUM ANALYZE. Returns the membership count.
 */
export async function topUp(sql, tenant, persons, members) {
  const [{ n: have }] = await sql`select count(*)::int as n from organization_memberships where organization_id = ${tenant.orgId}`;
  const add = persons.slice(0, Math.max(0, members - have));
  const at = Date.now();
  for (let i = 0; i < add.length; i += 1000) {
    const chunk = add.slice(i, i + 1000);
    const now = (k) => new Date(at + i + k);
    const users = chunk.map(({ person, body }, k) => ({
      email: body.userName, first_name: person.first_name, last_name: person.last_name, distinct_id: randomBytes(24).toString("base64url"), is_email_verified: true, date_joined: now(k),
    }));
    const ids = (await sql`insert into users ${sql(users)} returning id`).map((r) => r.id);
    await sql`insert into organization_memberships ${sql(ids.map((id, k) => ({ organization_id: tenant.orgId, user_id: id, level: 1, source: "scim", joined_at: now(k), updated_at: now(k) })))}`;
    const rows = chunk.map(({ body }, k) => {
      const { schemas: _schemas, ...resource } = body;
      return {
        organization_id: tenant.orgId, tenant_id: tenant.tenantId, domain_id: tenant.tenantId, user_id: ids[k], user_name: body.userName, external_id: body.externalId,
        display_name: body.displayName, given_name: body.name.givenName, family_name: body.name.familyName, email: body.userName, active: true, resource: sql.json(resource), created_at: now(k), updated_at: now(k),
      };
    });
    await sql`insert into scim_users ${sql(rows)}`;
  }
  await sql.unsafe("vacuum analyze");
  const [{ n }] = await sql`select count(*)::int as n from organization_memberships where organization_id = ${tenant.orgId}`;
  const [{ s }] = await sql`select count(*)::int as s from scim_users where tenant_id = ${tenant.tenantId}`;
  say(`   ${add.length} people added: ${n} memberships (the owner's included), ${s} SCIM users of ${tenant.domain}; VACUUM ANALYZE done`);
  return n;
}

const INDEX = /scim_users_\w+_idx|scim_users_pkey/g;
const literal = (v) => (typeof v === "number" ? String(v) : `'${String(v).replaceAll("'", "''")}'`);

/** EXPLAIN (ANALYZE, BUFFERS) with the parameters (a custom plan), and once prepared and run 6 times (maybe generic). */
async function explain(sql, statement) {
  return sql.begin(async (tx) => {
    const plan = (await tx.unsafe(`explain (analyze, buffers) ${statement.text}`, statement.params, { prepare: false })).map((r) => r["QUERY PLAN"]);
    const args = `(${statement.params.map(literal).join(", ")})`;
    await tx.unsafe(`prepare bench_plan as ${statement.text}`);
    for (let i = 0; i < 6; i++) await tx.unsafe(`execute bench_plan${args}`);
    const prepared = (await tx.unsafe(`explain (analyze) execute bench_plan${args}`)).map((r) => r["QUERY PLAN"]);
    await tx.unsafe("deallocate bench_plan");
    const summary = (lines) => {
      const text = lines.join("\n");
      return {
        indexes: [...new Set(text.match(INDEX) ?? [])].sort(),
        seq_scans: [...new Set([...text.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1]))],
        execution_ms: Number(text.match(/Execution Time: ([\d.]+) ms/)?.[1]),
        generic: /\$\d/.test(text),
      };
    };
    return { text: statement.text, params: statement.params, plan, ...summary(plan), prepared: { plan: prepared, ...summary(prepared) } };
  });
}

/** The plans of the filter (its page and total) and of the first and last pages (and the total), printed. */
export async function explainAll(sql, tenant, userName, page) {
  const [{ s: total }] = await sql`select count(*)::int as s from scim_users where tenant_id = ${tenant.tenantId}`;
  const filter = listStatements(tenant.tenantId, { userName, count: page });
  const first = listStatements(tenant.tenantId, { startIndex: 1, count: page });
  const last = listStatements(tenant.tenantId, { startIndex: Math.floor((total - 1) / page) * page + 1, count: page });
  const out = {
    filter: await explain(sql, filter.list),
    filter_count: await explain(sql, filter.count),
    page_first: await explain(sql, first.list),
    page_last: await explain(sql, last.list),
    page_count: await explain(sql, first.count),
  };
  for (const [name, p] of Object.entries(out)) {
    say("");
    say(`-- ${name}: EXPLAIN (ANALYZE, BUFFERS) with the parameters [${p.params.join(", ")}] (a custom plan)`);
    for (const line of p.plan) say(`   ${line}`);
    say(`   -> prepared and run 6 times first: ${p.prepared.generic ? "generic" : "custom"} plan, ${round2(p.prepared.execution_ms)} ms; indexes: ${p.prepared.indexes.join(", ") || "none"}; seq scans: ${p.prepared.seq_scans.join(", ") || "none"}`);
  }
  return out;
}
