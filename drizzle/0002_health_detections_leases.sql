CREATE TABLE "detections" (
	"id" text PRIMARY KEY NOT NULL,
	"target_id" text NOT NULL,
	"episode_key" text NOT NULL,
	"kind" text NOT NULL,
	"kinds" jsonb NOT NULL,
	"tables" text[] NOT NULL,
	"findings" jsonb NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"first_bad_sample_at" timestamp with time zone NOT NULL,
	"last_good_sample_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone NOT NULL,
	"cleared_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"dismissed_at" timestamp with time zone,
	"dismissed_by" text,
	"incident_id" text
);
--> statement-breakpoint
CREATE TABLE "job_leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"acquired_at" timestamp with time zone NOT NULL,
	"renewed_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "health_samples" ADD COLUMN "meta" jsonb;--> statement-breakpoint
ALTER TABLE "detections" ADD CONSTRAINT "detections_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "detections" ADD CONSTRAINT "detections_dismissed_by_users_id_fk" FOREIGN KEY ("dismissed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "detections" ADD CONSTRAINT "detections_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "detections_target_time_idx" ON "detections" USING btree ("target_id","detected_at");