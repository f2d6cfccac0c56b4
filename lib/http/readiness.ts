import "server-only";
import { randomUUID } from "node:crypto";
import { getDb } from "../../db/client";
import { readiness } from "../services/instance";
import { env } from "../env";
import { json as apiJson } from "./families/api";
import { withSecurityHeaders } from "./security-headers";

const json = (status: number, body: unknown, requestId: string) => withSecurityHeaders(apiJson(status, body, requestId), env().SITE_URL);

export async function health() {
  return json(200, { status: "ok" }, randomUUID());
}

export async function checkReadiness() {
  const requestId = randomUUID();
  try {
    const state = await readiness(await getDb());
    return json(state.ready ? 200 : 503, { status: state.ready ? "ready" : "not_ready", ...state }, requestId);
  } catch {
    return json(503, { status: "not_ready", ready: false, database: "unreachable" }, requestId);
  }
}
