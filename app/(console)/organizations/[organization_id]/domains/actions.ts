"use server";

import { action } from "@/lib/actions/action";
import { createDomain, deleteDomain, regenerateDomainScimToken, updateDomain, verifyDomain } from "@/lib/services/domains";
import {
  createIdentityProviderConfig,
  deleteIdentityProviderConfig,
  regenerateConfigScimToken,
  updateIdentityProviderConfig,
} from "@/lib/services/identity-provider-configs";
import { previewSsoLockout } from "@/lib/services/saml/lockout";
import { importSamlMetadata } from "@/lib/services/saml/metadata-import";
import { listScimGroupMappings, listScimPeople, mapScimGroupLevel } from "@/lib/services/scim/admin";

export const createDomainAction = action(createDomain);
export const updateDomainAction = action(updateDomain);
export const deleteDomainAction = action(deleteDomain);
export const verifyDomainAction = action(verifyDomain);
export const regenerateDomainScimTokenAction = action(regenerateDomainScimToken);
export const previewSsoLockoutAction = action(previewSsoLockout);
export const importSamlMetadataAction = action(importSamlMetadata);
export const createIdentityProviderConfigAction = action(createIdentityProviderConfig);
export const updateIdentityProviderConfigAction = action(updateIdentityProviderConfig);
export const deleteIdentityProviderConfigAction = action(deleteIdentityProviderConfig);
export const regenerateConfigScimTokenAction = action(regenerateConfigScimToken);
/** What SCIM provisioned: read through actions because the console alone shows it (no documented REST resource). */
export const listScimPeopleAction = action(listScimPeople);
export const listScimGroupMappingsAction = action(listScimGroupMappings);
export const mapScimGroupLevelAction = action(mapScimGroupLevel);
