"use server";

import { action } from "@/lib/actions/action";
import {
  createOAuthApplication,
  deleteOAuthApplication,
  rotateOAuthApplicationSecret,
  updateOAuthApplication,
} from "@/lib/services/oauth-applications";

export const createOAuthApplicationAction = action(createOAuthApplication);
export const updateOAuthApplicationAction = action(updateOAuthApplication);
export const rotateOAuthApplicationSecretAction = action(rotateOAuthApplicationSecret);
export const deleteOAuthApplicationAction = action(deleteOAuthApplication);
