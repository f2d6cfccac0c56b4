"use server";

import { action } from "@/lib/actions/action";
import {
  createIntegration,
  deleteIntegration,
  redeliverWebhook,
  rotateWebhookSecret,
  sendTestEvent,
  updateEnvironmentMapping,
  updateWebhook,
} from "@/lib/services/integrations";

export const createIntegrationAction = action(createIntegration);
export const deleteIntegrationAction = action(deleteIntegration);
export const updateWebhookAction = action(updateWebhook);
export const updateEnvironmentMappingAction = action(updateEnvironmentMapping);
export const rotateWebhookSecretAction = action(rotateWebhookSecret);
export const sendTestEventAction = action(sendTestEvent);
export const redeliverWebhookAction = action(redeliverWebhook);
