/** The database schema, one file per area; migrations are generated from this folder (`npm run db:generate`). */
export * from "./users";
export * from "./organizations";
export * from "./projects";
export * from "./activity";
export * from "./email";
export * from "./instance";
export * from "./jobs";
export * from "./rate-limits";
export * from "./media";
export * from "./domains";
export * from "./saml";
export * from "./scim";
export * from "./integrations";
export * from "./legal-documents";
export * from "./batch-exports";
export * from "./service-accounts";
