import { randomBytes } from "node:crypto";
import { startSecondServer } from "../support/second-server";
import { uniqueEmail, type Org, type User } from "../support/cli";

export type SecondServer = Awaited<ReturnType<typeof startSecondServer>>;

/** An organization on another server, with its owner's `*` key and a cookie session (with the Origin unsafe methods need). */
export async function organizationOn(server: SecondServer) {
  const owner = await server.cli<User>("user", "create", "--email", uniqueEmail("owner"), "--first-name", "Owner");
  const org = await server.cli<Org>("org", "create", "--name", `Org ${randomBytes(3).toString("hex")}`, "--owner-email", owner.email);
  const key = (await server.cli<{ key: string }>("api-key", "create", "--email", owner.email, "--label", "owner", "--scopes", "*")).key;
  const session = await server.cli<{ cookie_name: string; cookie_value: string }>("session", "create", "--email", owner.email);
  const cookie = { Cookie: `${session.cookie_name}=${session.cookie_value}`, Origin: server.baseURL };
  return { owner, org, key, cookie };
}

export const documentBody = (type: string, email: string) => ({
  document_type: type,
  company_name: "Żabka Łódź Sp. z o.o.",
  company_address: "ul. Piotrkowska 1, 90-001 Łódź",
  representative_email: email,
});
