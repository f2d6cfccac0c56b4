"use server";

import { action } from "@/lib/actions/action";
import { removeOrganizationLogo, setOrganizationLogo } from "@/lib/services/organization-logo";

const setLogo = action(setOrganizationLogo);

/** The chosen file arrives as form data (a file cannot travel as plain arguments); the operation checks its bytes. */
export async function uploadOrganizationLogoAction(organizationId: string, form: FormData) {
  const file = form.get("logo");
  const logo = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : undefined;
  // Without a file the input is empty, and the operation answers as for any missing field.
  return setLogo(organizationId, (logo ? { logo } : {}) as { logo: Uint8Array<ArrayBuffer> });
}

export const removeOrganizationLogoAction = action(removeOrganizationLogo);
