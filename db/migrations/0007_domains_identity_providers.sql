CREATE TABLE "identity_provider_configs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" varchar(255) DEFAULT '' NOT NULL,
	"saml_entity_id" varchar(512),
	"saml_acs_url" varchar(512),
	"saml_x509_cert" text,
	"saml_allow_idp_initiated" boolean DEFAULT false NOT NULL,
	"scim_enabled" boolean DEFAULT false NOT NULL,
	"scim_token_hash" varchar(64),
	"id_jag_issuer_url" varchar(512),
	"id_jag_jwks_url" varchar(512),
	"id_jag_allowed_clients" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organization_domains" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"domain" varchar(128) NOT NULL,
	"verification_challenge" varchar(64) NOT NULL,
	"verified_at" timestamp with time zone,
	"last_verification_retry" timestamp with time zone,
	"dns_checked_at" timestamp with time zone,
	"dns_missing_since" timestamp with time zone,
	"jit_provisioning_enabled" boolean DEFAULT false NOT NULL,
	"sso_enforcement" varchar(28) DEFAULT '' NOT NULL,
	"saml_entity_id" varchar(512),
	"saml_acs_url" varchar(512),
	"saml_x509_cert" text,
	"saml_allow_idp_initiated" boolean DEFAULT false NOT NULL,
	"scim_enabled" boolean DEFAULT false NOT NULL,
	"scim_token_hash" varchar(64),
	"id_jag_issuer_url" varchar(512),
	"id_jag_jwks_url" varchar(512),
	"id_jag_allowed_clients" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"identity_provider_config_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organization_domains_domain_unique" UNIQUE("domain")
);
--> statement-breakpoint
CREATE TABLE "scim_request_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"domain_id" uuid,
	"identity_provider_config_id" uuid,
	"request_method" varchar(10) NOT NULL,
	"request_path" varchar(2048) NOT NULL,
	"request_headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"request_body" text DEFAULT '' NOT NULL,
	"response_status" integer NOT NULL,
	"response_body" text DEFAULT '' NOT NULL,
	"identity_provider" varchar(16) DEFAULT 'other' NOT NULL,
	"duration_ms" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "identity_provider_configs" ADD CONSTRAINT "identity_provider_configs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_domains" ADD CONSTRAINT "organization_domains_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_domains" ADD CONSTRAINT "organization_domains_identity_provider_config_id_identity_provider_configs_id_fk" FOREIGN KEY ("identity_provider_config_id") REFERENCES "public"."identity_provider_configs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scim_request_logs" ADD CONSTRAINT "scim_request_logs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scim_request_logs" ADD CONSTRAINT "scim_request_logs_domain_id_organization_domains_id_fk" FOREIGN KEY ("domain_id") REFERENCES "public"."organization_domains"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scim_request_logs" ADD CONSTRAINT "scim_request_logs_identity_provider_config_id_identity_provider_configs_id_fk" FOREIGN KEY ("identity_provider_config_id") REFERENCES "public"."identity_provider_configs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "identity_provider_configs_org_created_idx" ON "identity_provider_configs" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "organization_domains_org_domain_idx" ON "organization_domains" USING btree ("organization_id","domain");--> statement-breakpoint
CREATE INDEX "scim_request_logs_domain_created_idx" ON "scim_request_logs" USING btree ("domain_id","created_at");--> statement-breakpoint
CREATE INDEX "scim_request_logs_config_created_idx" ON "scim_request_logs" USING btree ("identity_provider_config_id","created_at");