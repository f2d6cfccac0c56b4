"use server";

import { action } from "@/lib/actions/action";
import { createOrganization } from "@/lib/services/organizations";

export const createOrganizationAction = action(createOrganization);
