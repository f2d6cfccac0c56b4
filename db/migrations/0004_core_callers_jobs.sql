CREATE TABLE "job_schedules" (
	"name" varchar(64) PRIMARY KEY NOT NULL,
	"kind" varchar(64) NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"interval_seconds" integer NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" varchar(64) NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" varchar(16) DEFAULT 'pending' NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 10 NOT NULL,
	"last_error" text,
	"locked_until" timestamp with time zone,
	"locked_by" varchar(128),
	"unique_key" varchar(255),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "organization_memberships" ADD COLUMN "source" varchar(16) DEFAULT 'cli' NOT NULL;--> statement-breakpoint
ALTER TABLE "organization_memberships" ADD COLUMN "suspended_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("status","run_at");--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_unique_key" ON "jobs" USING btree ("unique_key") WHERE "jobs"."unique_key" is not null;--> statement-breakpoint
-- Memberships that existed before `source`: an accepted invitation of the same organization and user made it
-- `invite`; the first owner of each organization `created` it; every other one was added at the CLI.
UPDATE "organization_memberships" m SET "source" = 'invite'
WHERE EXISTS (
  SELECT 1 FROM "organization_invites" i
  WHERE i."organization_id" = m."organization_id" AND i."accepted_by_id" = m."user_id" AND i."accepted_at" IS NOT NULL
);--> statement-breakpoint
UPDATE "organization_memberships" m SET "source" = 'created'
WHERE m."source" = 'cli' AND m."level" = 15 AND m."id" = (
  SELECT f."id" FROM "organization_memberships" f
  WHERE f."organization_id" = m."organization_id" AND f."level" = 15
  ORDER BY f."joined_at", f."id" LIMIT 1
);
