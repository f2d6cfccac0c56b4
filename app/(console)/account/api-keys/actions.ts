"use server";

import { action } from "@/lib/actions/action";
import { createPersonalApiKey, deletePersonalApiKey, rollPersonalApiKey } from "@/lib/services/personal-api-keys";

export const createPersonalApiKeyAction = action(createPersonalApiKey);
export const rollPersonalApiKeyAction = action(rollPersonalApiKey);
export const deletePersonalApiKeyAction = action(deletePersonalApiKey);
