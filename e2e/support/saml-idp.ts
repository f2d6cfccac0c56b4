import { createServer, type Server } from "node:http";
import { createTestIdp, type TestIdp } from "../../lib/testing/saml-idp";

/** Where the browser tests' SAML identity provider listens (a 3000-range port Chromium allows). */
export const E2E_SAML_IDP_PORT = 3154;

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
const attr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

export type E2eSamlIdp = TestIdp & { stop: () => Promise<void> };

/**
 * A SAML identity provider in a browser test, on 127.0.0.1: its sign-on URL shows a page asking who signs in (as a real
 * IdP's login page would), then posts a signed response (samlify) to the ACS URL of the request it received.
 */
export async function startE2eSamlIdp(): Promise<E2eSamlIdp> {
  const base = `http://127.0.0.1:${E2E_SAML_IDP_PORT}`;
  const idp = await createTestIdp({ entityId: `${base}/metadata`, ssoUrl: `${base}/sso` });
  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", base);
      if (req.method === "GET" && url.pathname === "/sso") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(
          page(
            "Test identity provider",
            `<form method="post" action="/sso"><input type="hidden" name="request" value="${attr(url.href)}"><label>Work email <input name="email" type="email" required></label> <button>Sign in to the test IdP</button></form>`,
          ),
        );
        return;
      }
      if (req.method === "POST" && url.pathname === "/sso") {
        let raw = "";
        for await (const chunk of req) raw += chunk;
        const form = new URLSearchParams(raw);
        const request = await idp.readRequest(form.get("request") ?? "");
        const response = await idp.respond(request.sp, { email: form.get("email") ?? "", givenName: "Sam", familyName: "Lee" }, { inResponseTo: request.id });
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(
          page(
            "Signing you in",
            `<form method="post" action="${attr(request.sp.acsUrl)}"><input type="hidden" name="SAMLResponse" value="${attr(response)}"><button>Continue</button></form><script>document.forms[0].submit()</script>`,
          ),
        );
        return;
      }
      res.writeHead(404).end();
    } catch (err) {
      res.writeHead(400, { "content-type": "text/plain" }).end(String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(E2E_SAML_IDP_PORT, "127.0.0.1", resolve));
  return { ...idp, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
