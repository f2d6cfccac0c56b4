"use server";

import { action } from "@/lib/actions/action";
import { deleteOrganization, updateOrganization } from "@/lib/services/organizations";

export const updateOrganizationAction = action(updateOrganization);
export const deleteOrganizationAction = action(deleteOrganization);
