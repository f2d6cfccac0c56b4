CREATE TABLE "batch_export_backfills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_export_id" uuid NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"status" varchar(16) DEFAULT 'running' NOT NULL,
	"total_runs" integer DEFAULT 0 NOT NULL,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "batch_export_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_export_id" uuid NOT NULL,
	"run_id" uuid,
	"level" varchar(16) NOT NULL,
	"message" text NOT NULL,
	"timestamp" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "batch_export_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_export_id" uuid NOT NULL,
	"backfill_id" uuid,
	"interval_start" timestamp with time zone NOT NULL,
	"interval_end" timestamp with time zone NOT NULL,
	"status" varchar(16) DEFAULT 'scheduled' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"locked_by" varchar(128),
	"records_completed" bigint,
	"bytes_exported" bigint,
	"latest_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "batch_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" varchar(255) NOT NULL,
	"model" varchar(16) NOT NULL,
	"destination_type" varchar(32) NOT NULL,
	"destination_config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"destination_secrets" text,
	"interval" varchar(32) NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"last_paused_at" timestamp with time zone,
	"start_at" timestamp with time zone,
	"end_at" timestamp with time zone,
	"filters" jsonb,
	"hogql_query" text,
	"scheduled_until" timestamp with time zone,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "batch_export_backfills" ADD CONSTRAINT "batch_export_backfills_batch_export_id_batch_exports_id_fk" FOREIGN KEY ("batch_export_id") REFERENCES "public"."batch_exports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "batch_export_backfills" ADD CONSTRAINT "batch_export_backfills_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "batch_export_logs" ADD CONSTRAINT "batch_export_logs_batch_export_id_batch_exports_id_fk" FOREIGN KEY ("batch_export_id") REFERENCES "public"."batch_exports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "batch_export_logs" ADD CONSTRAINT "batch_export_logs_run_id_batch_export_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."batch_export_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "batch_export_runs" ADD CONSTRAINT "batch_export_runs_batch_export_id_batch_exports_id_fk" FOREIGN KEY ("batch_export_id") REFERENCES "public"."batch_exports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "batch_export_runs" ADD CONSTRAINT "batch_export_runs_backfill_id_batch_export_backfills_id_fk" FOREIGN KEY ("backfill_id") REFERENCES "public"."batch_export_backfills"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "batch_exports" ADD CONSTRAINT "batch_exports_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "batch_exports" ADD CONSTRAINT "batch_exports_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "batch_export_backfills_export_created_idx" ON "batch_export_backfills" USING btree ("batch_export_id","created_at");--> statement-breakpoint
CREATE INDEX "batch_export_logs_export_time_idx" ON "batch_export_logs" USING btree ("batch_export_id","timestamp");--> statement-breakpoint
CREATE UNIQUE INDEX "batch_export_runs_interval_key" ON "batch_export_runs" USING btree ("batch_export_id","interval_start");--> statement-breakpoint
CREATE INDEX "batch_export_runs_export_created_idx" ON "batch_export_runs" USING btree ("batch_export_id","created_at");--> statement-breakpoint
CREATE INDEX "batch_export_runs_due_idx" ON "batch_export_runs" USING btree ("next_attempt_at") WHERE "batch_export_runs"."status" in ('scheduled', 'running');--> statement-breakpoint
CREATE INDEX "batch_exports_org_created_idx" ON "batch_exports" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "batch_exports_due_idx" ON "batch_exports" USING btree ("scheduled_until") WHERE not "batch_exports"."paused";