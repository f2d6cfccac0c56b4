import type { Db } from "../../db/client";
import { ADMIN, MEMBER, OWNER } from "../auth/permissions";
import { addMember, createUser, findUserByEmail } from "../services/admin";
import { execute } from "../services/operation";
import { createOrganization } from "../services/organizations";
import { createPersonalApiKey } from "../services/personal-api-keys";

const PEOPLE: Array<[first: string, last: string, level: number]> = [
  ["Ada", "Okafor", ADMIN],
  ["Bruno", "Castellanos", MEMBER],
  ["Chiara", "Lindqvist", MEMBER],
  ["Dmitri", "Novak", ADMIN],
  ["Esther", "Abernathy", MEMBER],
  ["Farah", "Haddad", MEMBER],
  ["Gustavo", "Pereira", MEMBER],
  ["Hana", "Takahashi", OWNER],
  ["Ivan", "Petrov", MEMBER],
  ["Jasmine", "Whitfield", MEMBER],
];

async function findOrCreate(db: Db, email: string, first: string, last: string) {
  return (await findUserByEmail(db, email)) ?? createUser(db, { email, first_name: first, last_name: last });
}

/** A demo organization with members of every level and an API key for its owner, to explore the console. */
export async function seedDemo(db: Db) {
  const owner = await findOrCreate(db, "demo@example.com", "Dana", "Demo");
  const principal = { kind: "cli" as const, user: owner };
  const organization = await execute(createOrganization, { db, principal, input: { name: "Acme Demo" } });
  for (const [first, last, level] of PEOPLE) {
    const email = `${first}.${last}@example.com`.toLowerCase();
    await findOrCreate(db, email, first, last);
    await addMember(db, { organization_id: organization.id, email, level });
  }
  const key = await execute(createPersonalApiKey, {
    db,
    principal,
    input: { label: "Demo key", scopes: ["*"], scoped_organizations: [organization.id] },
  });
  return {
    organization: { ...organization, member_count: PEOPLE.length + 1 },
    owner: { uuid: owner.uuid, email: owner.email },
    api_key: key.value,
  };
}
