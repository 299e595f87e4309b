CREATE TYPE "public"."area_kind" AS ENUM('own', 'police_force_area', 'region', 'england', 'other');--> statement-breakpoint
CREATE TYPE "public"."indicator_frequency" AS ENUM('monthly', 'quarterly', 'annual');--> statement-breakpoint
CREATE TYPE "public"."indicator_kind" AS ENUM('performance', 'contextual');--> statement-breakpoint
CREATE TYPE "public"."indicator_polarity" AS ENUM('up', 'down', 'neither');--> statement-breakpoint
CREATE TYPE "public"."indicator_unit" AS ENUM('count', 'percentage', 'rate');--> statement-breakpoint
CREATE TABLE "areas" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "areas_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partnership_id" integer NOT NULL,
	"kind" "area_kind" NOT NULL,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_definition_notes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "indicator_definition_notes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partnership_id" integer NOT NULL,
	"indicator_id" integer NOT NULL,
	"changed_on" date NOT NULL,
	"note" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_links" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "indicator_links_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partnership_id" integer NOT NULL,
	"indicator_id" integer NOT NULL,
	"commitment_id" integer,
	"action_id" integer,
	CONSTRAINT "indicator_links_one_target" CHECK (("indicator_links"."commitment_id" is null) <> ("indicator_links"."action_id" is null))
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "indicators_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partnership_id" integer NOT NULL,
	"name" text NOT NULL,
	"definition" text DEFAULT '' NOT NULL,
	"unit" "indicator_unit" NOT NULL,
	"numerator_label" text DEFAULT '' NOT NULL,
	"denominator_label" text DEFAULT '' NOT NULL,
	"rate_base" integer,
	"population_label" text DEFAULT '' NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"owner_organisation_id" integer,
	"frequency" "indicator_frequency" NOT NULL,
	"polarity" "indicator_polarity" NOT NULL,
	"kind" "indicator_kind" NOT NULL,
	"baseline_period_label" text,
	"baseline_period_start" date,
	"baseline_period_end" date,
	"baseline_value" double precision,
	"target_value" double precision,
	"target_date" date,
	"thresholds" jsonb NOT NULL,
	"template_key" text,
	"part_of_indicator_id" integer,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "indicators_rate_base" CHECK (("indicators"."unit" = 'rate') = ("indicators"."rate_base" is not null))
);
--> statement-breakpoint
CREATE TABLE "observation_imports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "observation_imports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partnership_id" integer NOT NULL,
	"user_id" integer,
	"file_name" text NOT NULL,
	"rows" jsonb NOT NULL,
	"error_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "observations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "observations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partnership_id" integer NOT NULL,
	"indicator_id" integer NOT NULL,
	"area_id" integer NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"period_label" text NOT NULL,
	"value" double precision NOT NULL,
	"numerator" double precision,
	"denominator" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "public" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "partnerships" ADD COLUMN "suppression_threshold" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "areas" ADD CONSTRAINT "areas_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_definition_notes" ADD CONSTRAINT "indicator_definition_notes_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_definition_notes" ADD CONSTRAINT "indicator_definition_notes_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_links" ADD CONSTRAINT "indicator_links_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_links" ADD CONSTRAINT "indicator_links_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_links" ADD CONSTRAINT "indicator_links_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_links" ADD CONSTRAINT "indicator_links_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_part_of_indicator_id_indicators_id_fk" FOREIGN KEY ("part_of_indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observation_imports" ADD CONSTRAINT "observation_imports_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observation_imports" ADD CONSTRAINT "observation_imports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "areas_partnership_name" ON "areas" USING btree ("partnership_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "areas_partnership_own" ON "areas" USING btree ("partnership_id") WHERE "areas"."kind" = 'own';--> statement-breakpoint
CREATE INDEX "indicator_definition_notes_indicator" ON "indicator_definition_notes" USING btree ("indicator_id","changed_on");--> statement-breakpoint
CREATE INDEX "indicator_links_indicator" ON "indicator_links" USING btree ("indicator_id");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_links_commitment" ON "indicator_links" USING btree ("indicator_id","commitment_id") WHERE "indicator_links"."commitment_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_links_action" ON "indicator_links" USING btree ("indicator_id","action_id") WHERE "indicator_links"."action_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "indicators_partnership_name" ON "indicators" USING btree ("partnership_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "indicators_partnership_template" ON "indicators" USING btree ("partnership_id","template_key") WHERE "indicators"."template_key" is not null;--> statement-breakpoint
CREATE INDEX "indicators_part_of" ON "indicators" USING btree ("part_of_indicator_id");--> statement-breakpoint
CREATE INDEX "observation_imports_partnership" ON "observation_imports" USING btree ("partnership_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "observations_indicator_period_area" ON "observations" USING btree ("indicator_id","period_start","period_end","area_id");--> statement-breakpoint
CREATE INDEX "observations_partnership_indicator" ON "observations" USING btree ("partnership_id","indicator_id");