"use server";

import { action } from "@/lib/actions/action";
import { createServiceAccount, deleteServiceAccount, rotateServiceAccountSecret, updateServiceAccount } from "@/lib/services/service-accounts";

export const createServiceAccountAction = action(createServiceAccount);
export const updateServiceAccountAction = action(updateServiceAccount);
export const rotateServiceAccountSecretAction = action(rotateServiceAccountSecret);
export const deleteServiceAccountAction = action(deleteServiceAccount);
