CREATE TABLE "legal_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"document_type" varchar(8) NOT NULL,
	"company_name" varchar(255) NOT NULL,
	"company_address" varchar(512) NOT NULL,
	"representative_email" varchar(254) NOT NULL,
	"status" varchar(32) DEFAULT 'submitted_for_signature' NOT NULL,
	"esign_provider" varchar(16) NOT NULL,
	"envelope_id" varchar(64),
	"template_version" integer DEFAULT 1 NOT NULL,
	"document_sha256" varchar(64) NOT NULL,
	"send_count" integer DEFAULT 1 NOT NULL,
	"last_sent_at" timestamp with time zone,
	"signer_name" varchar(200),
	"signer_title" varchar(200),
	"signer_address" varchar(64),
	"signer_user_agent" text,
	"signing_request_id" varchar(64),
	"signed_at" timestamp with time zone,
	"signed_pdf_key" text,
	"signed_pdf_stored" boolean DEFAULT false NOT NULL,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_documents_envelope_id_unique" UNIQUE("envelope_id")
);
--> statement-breakpoint
ALTER TABLE "legal_documents" ADD CONSTRAINT "legal_documents_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_documents" ADD CONSTRAINT "legal_documents_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "legal_documents_org_type_key" ON "legal_documents" USING btree ("organization_id","document_type");--> statement-breakpoint
CREATE INDEX "legal_documents_org_created_idx" ON "legal_documents" USING btree ("organization_id","created_at");