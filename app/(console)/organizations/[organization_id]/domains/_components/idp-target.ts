"use client";

import type { ActionResult } from "@/lib/actions/action";
import type { IdentityProviderConfigInput, UpdateDomainInput } from "@/lib/schemas/domains";
import {
  deleteDomainAction,
  deleteIdentityProviderConfigAction,
  regenerateConfigScimTokenAction,
  regenerateDomainScimTokenAction,
  updateDomainAction,
  updateIdentityProviderConfigAction,
} from "../actions";

/** What the SAML and SCIM parts act on: one of the organization's domains, or one of its identity-provider configs. */
export type IdpTarget = { kind: "domain" | "config"; organizationId: string; id: string };

/** The SAML and SCIM fields a domain and a config share, as the forms send them. */
type SharedInput = Omit<UpdateDomainInput & IdentityProviderConfigInput, "name" | "identity_provider_config" | "jit_provisioning_enabled" | "sso_enforcement">;

/** Saves shared fields on the target; the answer carries the SCIM token when this change turned SCIM on. */
export async function saveTarget(target: IdpTarget, input: SharedInput): Promise<ActionResult<{ scim_bearer_token: string | null }>> {
  return target.kind === "domain"
    ? updateDomainAction(target.organizationId, { id: target.id, ...input })
    : updateIdentityProviderConfigAction(target.organizationId, { id: target.id, ...input });
}

/** A new SCIM token for the target; the old one stops working at once. */
export async function regenerateToken(target: IdpTarget): Promise<ActionResult<{ scim_bearer_token: string }>> {
  return target.kind === "domain"
    ? regenerateDomainScimTokenAction(target.organizationId, { id: target.id })
    : regenerateConfigScimTokenAction(target.organizationId, { id: target.id });
}

/** Deletes the target. */
export async function deleteTarget(target: IdpTarget): Promise<ActionResult<null>> {
  return target.kind === "domain"
    ? deleteDomainAction(target.organizationId, { id: target.id })
    : deleteIdentityProviderConfigAction(target.organizationId, { id: target.id });
}
