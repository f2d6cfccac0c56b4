CREATE TABLE "saml_assertions_used" (
	"connection_id" uuid NOT NULL,
	"assertion_id" varchar(256) NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "saml_assertions_used_connection_id_assertion_id_pk" PRIMARY KEY("connection_id","assertion_id")
);
--> statement-breakpoint
CREATE TABLE "saml_requests" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"connection_id" uuid NOT NULL,
	"return_to" varchar(2048) DEFAULT '/' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "saml_assertions_used_expires_idx" ON "saml_assertions_used" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "saml_requests_expires_idx" ON "saml_requests" USING btree ("expires_at");