CREATE TYPE "public"."region_role" AS ENUM('lead', 'viewer');--> statement-breakpoint
CREATE TABLE "assessment_cycles" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assessment_cycles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"standard_id" integer NOT NULL,
	"name" text NOT NULL,
	"opens_on" date NOT NULL,
	"due_on" date NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_evidence" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assessment_evidence_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partnership_id" integer NOT NULL,
	"assessment_id" integer NOT NULL,
	"criterion_id" integer NOT NULL,
	"kind" text NOT NULL,
	"commitment_id" integer,
	"indicator_id" integer,
	"decision_id" integer,
	"url" text DEFAULT '' NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_ratings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assessment_ratings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partnership_id" integer NOT NULL,
	"assessment_id" integer NOT NULL,
	"criterion_id" integer NOT NULL,
	"level_id" integer,
	"narrative" text DEFAULT '' NOT NULL,
	"agreed_level_id" integer,
	"moderation_comment" text DEFAULT '' NOT NULL,
	"moderated_by_user_id" integer,
	"moderated_at" timestamp with time zone,
	"action_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quality_standards" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "quality_standards_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_id" integer,
	"partnership_id" integer,
	"name" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"template_key" text,
	"cycle_months" integer DEFAULT 24 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "quality_standards_one_owner" CHECK (("quality_standards"."region_id" is null) <> ("quality_standards"."partnership_id" is null))
);
--> statement-breakpoint
CREATE TABLE "region_memberships" (
	"region_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"role" "region_role" NOT NULL,
	"organisation_name" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "region_memberships_region_id_user_id_pk" PRIMARY KEY("region_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "region_sharing" (
	"partnership_id" integer PRIMARY KEY NOT NULL,
	"share_statistics" boolean DEFAULT true NOT NULL,
	"share_ratings" boolean DEFAULT true NOT NULL,
	"share_funding" boolean DEFAULT true NOT NULL,
	"share_assessments" boolean DEFAULT true NOT NULL,
	"share_governance" boolean DEFAULT false NOT NULL,
	"population" integer,
	"population_source" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regional_project_deliverables" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "regional_project_deliverables_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"due_on" date,
	"action_id" integer,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regional_projects" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "regional_projects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_id" integer NOT NULL,
	"host_partnership_id" integer NOT NULL,
	"funding_stream_id" integer,
	"name" text NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "self_assessments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "self_assessments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partnership_id" integer NOT NULL,
	"cycle_id" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by_user_id" integer,
	"moderated_at" timestamp with time zone,
	"moderated_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "standard_criteria" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "standard_criteria_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"standard_id" integer NOT NULL,
	"theme_id" integer NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"what_good_looks_like" text DEFAULT '' NOT NULL,
	"how_evidenced" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "standard_levels" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "standard_levels_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"standard_id" integer NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"meets_standard" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "standard_themes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "standard_themes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"standard_id" integer NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "region_id" integer;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "slug" text;--> statement-breakpoint
UPDATE "regions" SET "slug" = coalesce(nullif(trim(both '-' from regexp_replace(lower("name"), '[^a-z0-9]+', '-', 'g')), ''), 'region') || '-' || "id";--> statement-breakpoint
ALTER TABLE "regions" ALTER COLUMN "slug" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "service_type" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "funding_allocations" ADD COLUMN "service_type" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "assessment_cycles" ADD CONSTRAINT "assessment_cycles_standard_id_quality_standards_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."quality_standards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_evidence" ADD CONSTRAINT "assessment_evidence_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_evidence" ADD CONSTRAINT "assessment_evidence_assessment_id_self_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."self_assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_evidence" ADD CONSTRAINT "assessment_evidence_criterion_id_standard_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."standard_criteria"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_evidence" ADD CONSTRAINT "assessment_evidence_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_evidence" ADD CONSTRAINT "assessment_evidence_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_evidence" ADD CONSTRAINT "assessment_evidence_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_ratings" ADD CONSTRAINT "assessment_ratings_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_ratings" ADD CONSTRAINT "assessment_ratings_assessment_id_self_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."self_assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_ratings" ADD CONSTRAINT "assessment_ratings_criterion_id_standard_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."standard_criteria"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_ratings" ADD CONSTRAINT "assessment_ratings_level_id_standard_levels_id_fk" FOREIGN KEY ("level_id") REFERENCES "public"."standard_levels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_ratings" ADD CONSTRAINT "assessment_ratings_agreed_level_id_standard_levels_id_fk" FOREIGN KEY ("agreed_level_id") REFERENCES "public"."standard_levels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_ratings" ADD CONSTRAINT "assessment_ratings_moderated_by_user_id_users_id_fk" FOREIGN KEY ("moderated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_ratings" ADD CONSTRAINT "assessment_ratings_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_standards" ADD CONSTRAINT "quality_standards_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_standards" ADD CONSTRAINT "quality_standards_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_memberships" ADD CONSTRAINT "region_memberships_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_memberships" ADD CONSTRAINT "region_memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_sharing" ADD CONSTRAINT "region_sharing_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_project_deliverables" ADD CONSTRAINT "regional_project_deliverables_project_id_regional_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."regional_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_project_deliverables" ADD CONSTRAINT "regional_project_deliverables_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_projects" ADD CONSTRAINT "regional_projects_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_projects" ADD CONSTRAINT "regional_projects_host_partnership_id_partnerships_id_fk" FOREIGN KEY ("host_partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_projects" ADD CONSTRAINT "regional_projects_funding_stream_id_funding_streams_id_fk" FOREIGN KEY ("funding_stream_id") REFERENCES "public"."funding_streams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_assessments" ADD CONSTRAINT "self_assessments_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_assessments" ADD CONSTRAINT "self_assessments_cycle_id_assessment_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."assessment_cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_assessments" ADD CONSTRAINT "self_assessments_submitted_by_user_id_users_id_fk" FOREIGN KEY ("submitted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_assessments" ADD CONSTRAINT "self_assessments_moderated_by_user_id_users_id_fk" FOREIGN KEY ("moderated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_criteria" ADD CONSTRAINT "standard_criteria_standard_id_quality_standards_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."quality_standards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_criteria" ADD CONSTRAINT "standard_criteria_theme_id_standard_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."standard_themes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_levels" ADD CONSTRAINT "standard_levels_standard_id_quality_standards_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."quality_standards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_themes" ADD CONSTRAINT "standard_themes_standard_id_quality_standards_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."quality_standards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_cycles_standard" ON "assessment_cycles" USING btree ("standard_id","opens_on");--> statement-breakpoint
CREATE INDEX "assessment_evidence_assessment" ON "assessment_evidence" USING btree ("assessment_id","criterion_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_ratings_criterion" ON "assessment_ratings" USING btree ("assessment_id","criterion_id");--> statement-breakpoint
CREATE INDEX "assessment_ratings_action" ON "assessment_ratings" USING btree ("partnership_id","action_id");--> statement-breakpoint
CREATE INDEX "quality_standards_region" ON "quality_standards" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "quality_standards_partnership" ON "quality_standards" USING btree ("partnership_id");--> statement-breakpoint
CREATE INDEX "region_memberships_user" ON "region_memberships" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "regional_project_deliverables_project" ON "regional_project_deliverables" USING btree ("project_id","position");--> statement-breakpoint
CREATE INDEX "regional_projects_region" ON "regional_projects" USING btree ("region_id");--> statement-breakpoint
CREATE UNIQUE INDEX "self_assessments_cycle_partnership" ON "self_assessments" USING btree ("cycle_id","partnership_id");--> statement-breakpoint
CREATE INDEX "self_assessments_partnership" ON "self_assessments" USING btree ("partnership_id");--> statement-breakpoint
CREATE INDEX "standard_criteria_theme" ON "standard_criteria" USING btree ("standard_id","theme_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "standard_levels_position" ON "standard_levels" USING btree ("standard_id","position");--> statement-breakpoint
CREATE INDEX "standard_themes_standard" ON "standard_themes" USING btree ("standard_id","position");--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_region_at" ON "audit_log" USING btree ("region_id","at");--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "regions_slug_unique" UNIQUE("slug");