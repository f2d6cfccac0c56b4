import "server-only";
import { randomUUID } from "node:crypto";
import { getDb } from "../../db/client";
import { defaultAdapters } from "../adapters";
import { env } from "../env";
import { AppError } from "../errors";
import { handlePandadocWebhook, signWithLink } from "../services/legal-documents";
import { readBodyBytes } from "./body";
import { error as apiError, json } from "./families/api";
import { requestClientAddress } from "./request-address";
import { setSecurityHeaders } from "./security-headers";

function requestIdOf(req: Request) {
  const incoming = req.headers.get("x-request-id");
  return incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
}

function finish(response: Response, requestId: string) {
  response.headers.set("x-request-id", requestId);
  response.headers.set("cache-control", "no-store");
  setSecurityHeaders(response.headers, env().SITE_URL);
  return response;
}

/**
 * `POST /api/legal_documents/pandadoc`: PandaDoc's webhook. The signature is the `signature` query parameter or the
 * `X-PandaDoc-Signature` header; a bad one is 404 in the API's error body, anything handled is 204.
 */
export async function pandadocWebhookResponse(req: Request) {
  const requestId = requestIdOf(req);
  try {
    const rawBody = await readBodyBytes(req);
    const signature = new URL(req.url).searchParams.get("signature") ?? req.headers.get("x-pandadoc-signature");
    await handlePandadocWebhook(await getDb(), defaultAdapters(), { rawBody, signature });
    return finish(json(204, null, requestId), requestId);
  } catch (err) {
    return finish(apiError(err, requestId), requestId);
  }
}

const refusalPage = (message: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signing link</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem"><h1 style="font-size:1.25rem">${message}</h1><p>Ask the person who sent you this document for a new link.</p></body></html>`;

/** What a form field's error shows on the signing page: the field it is about. */
const FIELD_ERRORS = new Set(["full_name", "title", "consent"]);

/**
 * `POST /legal/sign/<token>/submit`, the signing form (form-encoded; plain HTTP clients post it the same way): signs
 * and answers 303 back to the page, which then says the document is signed. A form that is incomplete goes back with
 * `?error=<field>`; a link that does not work (tampered, expired, used, deleted) is 403 with a page that says only that.
 */
export async function signingSubmissionResponse(req: Request, token: string) {
  const requestId = requestIdOf(req);
  const page = new URL(`/legal/sign/${encodeURIComponent(token)}`, env().SITE_URL);
  const origin = req.headers.get("origin");
  if (origin && origin !== "null" && origin !== new URL(env().SITE_URL).origin) {
    return finish(new Response(refusalPage("This form can only be sent from its own page."), { status: 403, headers: { "content-type": "text/html; charset=utf-8" } }), requestId);
  }
  try {
    const form = Object.fromEntries(new URLSearchParams(new TextDecoder().decode(await readBodyBytes(req))));
    const address = requestClientAddress(req.headers);
    await signWithLink(await getDb(), defaultAdapters(), {
      token,
      form,
      address: address === "unknown" ? null : address,
      userAgent: req.headers.get("user-agent"),
      requestId,
    });
    return finish(new Response(null, { status: 303, headers: { location: page.href } }), requestId);
  } catch (err) {
    if (err instanceof AppError && err.key === "permission_denied") {
      return finish(new Response(refusalPage(err.detail), { status: 403, headers: { "content-type": "text/html; charset=utf-8" } }), requestId);
    }
    if (err instanceof AppError && err.status === 400) {
      page.searchParams.set("error", err.attr && FIELD_ERRORS.has(err.attr) ? err.attr : "form");
      return finish(new Response(null, { status: 303, headers: { location: page.href } }), requestId);
    }
    return finish(apiError(err, requestId), requestId);
  }
}
