/** The bundled identity provider's own sign-in page: plain HTML and CSS, no web fonts, nothing fetched. */
const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const STYLE = `
:root{color-scheme:light dark;--bg:#f8fafc;--card:#fff;--text:#0f172a;--muted:#475569;--border:#cbd5e1;--accent:#4338ca;--warn-bg:#fef3c7;--warn-text:#78350f}
@media (prefers-color-scheme:dark){:root{--bg:#09090b;--card:#18181b;--text:#f4f4f5;--muted:#a1a1aa;--border:#3f3f46;--accent:#a5b4fc;--warn-bg:#422006;--warn-text:#fde68a}}
*{box-sizing:border-box}body{margin:0;min-height:100vh;display:grid;place-items:center;background:var(--bg);color:var(--text);font:15px/1.5 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{width:min(420px,92vw);background:var(--card);border:1px solid var(--border);border-radius:10px;padding:28px}
h1{font-size:20px;margin:0 0 4px}p{margin:0 0 16px;color:var(--muted)}
.banner{background:var(--warn-bg);color:var(--warn-text);border-radius:6px;padding:10px 12px;font-size:13px;margin-bottom:20px}
label{display:block;font-weight:600;font-size:13px;margin:14px 0 6px}
input[type=email],input[type=text],input[type=url]{width:100%;padding:8px 10px;border:1px solid var(--border);border-radius:6px;background:transparent;color:var(--text);font:inherit}
.row{display:grid;grid-template-columns:1fr 1fr;gap:12px}
.check{display:flex;gap:8px;align-items:flex-start;font-weight:400;font-size:14px;margin-top:18px}
.check input{margin-top:4px}
button{margin-top:22px;width:100%;padding:10px;border:0;border-radius:6px;background:var(--accent);color:var(--card);font:inherit;font-weight:600;cursor:pointer}
:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.error{color:#b91c1c;font-size:13px;margin-top:6px}
`;

export function loginPage(options: { uid: string; clientName: string; email?: string; error?: string }) {
  const { uid, clientName, email = "", error } = options;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Sign in · Development identity provider</title><style>${STYLE}</style></head>
<body><main>
<div class="banner" role="note"><strong>Development identity provider.</strong> Any email address signs in, without a password. Set <code>OIDC_ISSUER</code> to use your own identity provider.</div>
<h1>Sign in to ${escape(clientName)}</h1>
<p>Enter the email address to sign in as.</p>
<form method="post" action="/interaction/${escape(uid)}/login" autocomplete="on">
<label for="email">Email address</label>
<input id="email" name="email" type="email" required autofocus value="${escape(email)}" ${error ? 'aria-describedby="email-error" aria-invalid="true"' : ""}>
${error ? `<div id="email-error" class="error">${escape(error)}</div>` : ""}
<div class="row">
<div><label for="given_name">First name <span style="font-weight:400">(optional)</span></label><input id="given_name" name="given_name" type="text" maxlength="150" autocomplete="given-name"></div>
<div><label for="family_name">Last name <span style="font-weight:400">(optional)</span></label><input id="family_name" name="family_name" type="text" maxlength="150" autocomplete="family-name"></div>
</div>
<label for="picture">Picture URL <span style="font-weight:400">(optional)</span></label>
<input id="picture" name="picture" type="url" maxlength="4096" aria-describedby="picture-hint">
<small id="picture-hint" style="color:var(--muted)">Sent as the <code>picture</code> claim: the console shows it as the avatar.</small>
<label class="check"><input type="checkbox" name="mfa" value="1"> <span>Signed in with a second factor<br><small style="color:var(--muted)">Puts <code>mfa</code> in the ID token's <code>amr</code> claim.</small></span></label>
<label class="check"><input type="checkbox" name="unverified" value="1"> <span>Email address not verified<br><small style="color:var(--muted)">Sends <code>email_verified: false</code> in the ID token, as a provider that has not confirmed the address would.</small></span></label>
<button type="submit">Sign in</button>
</form>
</main></body></html>`;
}
