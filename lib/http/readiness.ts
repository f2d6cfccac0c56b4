import "server-only";
import { getDb } from "../../db/client";
import { readiness } from "../services/instance";

export async function checkReadiness() {
  try {
    const state = await readiness(await getDb());
    return Response.json({ status: state.ready ? "ready" : "not_ready", ...state }, { status: state.ready ? 200 : 503 });
  } catch {
    return Response.json({ status: "not_ready", ready: false, database: "unreachable" }, { status: 503 });
  }
}
