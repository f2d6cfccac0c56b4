CREATE TABLE "rate_limit_windows" (
	"bucket" varchar(200) NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rate_limit_windows_bucket_window_start_pk" PRIMARY KEY("bucket","window_start")
);
--> statement-breakpoint
DROP INDEX "accounts_provider_account_key";--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "issuer" varchar(500);--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_issuer_subject_key" ON "accounts" USING btree ("issuer","provider_account_id");