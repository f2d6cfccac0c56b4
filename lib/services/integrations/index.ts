/** Organization integrations: outgoing webhooks, their signing secrets, and their delivery log. */
export {
  createIntegration,
  deleteIntegration,
  getIntegration,
  listIntegrations,
  rotateWebhookSecret,
  updateEnvironmentMapping,
  updateWebhook,
} from "./integrations";
export { listWebhookDeliveries, redeliverWebhook, sendTestEvent } from "./deliveries";
