CREATE TABLE "contract_milestones" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contract_milestones_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partnership_id" integer NOT NULL,
	"contract_id" integer NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"planned_on" date,
	"actual_on" date,
	"notes" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contracts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partnership_id" integer NOT NULL,
	"service" text NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"provider_organisation_id" integer,
	"provider_name" text DEFAULT '' NOT NULL,
	"funding_stream_id" integer,
	"stage" text DEFAULT 'analyse' NOT NULL,
	"annual_value_pence" bigint,
	"starts_on" date,
	"ends_on" date,
	"latest_end_on" date,
	"extension_decision_due_on" date,
	"reminder_months" integer[] DEFAULT '{12,6}' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_allocations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "funding_allocations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partnership_id" integer NOT NULL,
	"stream_id" integer NOT NULL,
	"year_start" integer NOT NULL,
	"commitment_id" integer,
	"action_id" integer,
	"contract_id" integer,
	"project_name" text DEFAULT '' NOT NULL,
	"amount_pence" bigint NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_contributions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "funding_contributions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partnership_id" integer NOT NULL,
	"stream_id" integer NOT NULL,
	"contributor_organisation_id" integer,
	"contributor_name" text DEFAULT '' NOT NULL,
	"year_start" integer NOT NULL,
	"amount_pence" bigint NOT NULL,
	"received" boolean DEFAULT false NOT NULL,
	"received_on" date,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_settings" (
	"partnership_id" integer PRIMARY KEY NOT NULL,
	"variance_threshold_percent" integer DEFAULT 10 NOT NULL,
	"variance_threshold_pence" bigint,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_streams" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "funding_streams_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partnership_id" integer NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"funder_organisation_id" integer,
	"funder_name" text DEFAULT '' NOT NULL,
	"first_year_start" integer NOT NULL,
	"last_year_start" integer NOT NULL,
	"conditions" text DEFAULT '' NOT NULL,
	"reporting_requirements" text DEFAULT '' NOT NULL,
	"decision_reference" text DEFAULT '' NOT NULL,
	"decision_link" text DEFAULT '' NOT NULL,
	"awarded_on" date,
	"starts_on" date,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "safe_accommodation_returns" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "safe_accommodation_returns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partnership_id" integer NOT NULL,
	"year_start" integer NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spend_returns" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "spend_returns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partnership_id" integer NOT NULL,
	"allocation_id" integer NOT NULL,
	"year_start" integer NOT NULL,
	"quarter" integer NOT NULL,
	"budget_pence" bigint NOT NULL,
	"committed_pence" bigint DEFAULT 0 NOT NULL,
	"actual_pence" bigint DEFAULT 0 NOT NULL,
	"forecast_pence" bigint NOT NULL,
	"explanation" text DEFAULT '' NOT NULL,
	"source" text NOT NULL,
	"update_id" integer,
	"entered_by_user_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contract_milestones" ADD CONSTRAINT "contract_milestones_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_milestones" ADD CONSTRAINT "contract_milestones_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_provider_organisation_id_organisations_id_fk" FOREIGN KEY ("provider_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_funding_stream_id_funding_streams_id_fk" FOREIGN KEY ("funding_stream_id") REFERENCES "public"."funding_streams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_allocations" ADD CONSTRAINT "funding_allocations_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_allocations" ADD CONSTRAINT "funding_allocations_stream_id_funding_streams_id_fk" FOREIGN KEY ("stream_id") REFERENCES "public"."funding_streams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_allocations" ADD CONSTRAINT "funding_allocations_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_allocations" ADD CONSTRAINT "funding_allocations_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_allocations" ADD CONSTRAINT "funding_allocations_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_contributions" ADD CONSTRAINT "funding_contributions_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_contributions" ADD CONSTRAINT "funding_contributions_stream_id_funding_streams_id_fk" FOREIGN KEY ("stream_id") REFERENCES "public"."funding_streams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_contributions" ADD CONSTRAINT "funding_contributions_contributor_organisation_id_organisations_id_fk" FOREIGN KEY ("contributor_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_settings" ADD CONSTRAINT "funding_settings_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_streams" ADD CONSTRAINT "funding_streams_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_streams" ADD CONSTRAINT "funding_streams_funder_organisation_id_organisations_id_fk" FOREIGN KEY ("funder_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safe_accommodation_returns" ADD CONSTRAINT "safe_accommodation_returns_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_returns" ADD CONSTRAINT "spend_returns_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_returns" ADD CONSTRAINT "spend_returns_allocation_id_funding_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."funding_allocations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_returns" ADD CONSTRAINT "spend_returns_entered_by_user_id_users_id_fk" FOREIGN KEY ("entered_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contract_milestones_contract" ON "contract_milestones" USING btree ("partnership_id","contract_id","position");--> statement-breakpoint
CREATE INDEX "contracts_partnership" ON "contracts" USING btree ("partnership_id");--> statement-breakpoint
CREATE INDEX "funding_allocations_stream" ON "funding_allocations" USING btree ("partnership_id","stream_id","year_start");--> statement-breakpoint
CREATE INDEX "funding_allocations_action" ON "funding_allocations" USING btree ("partnership_id","action_id");--> statement-breakpoint
CREATE INDEX "funding_contributions_stream" ON "funding_contributions" USING btree ("partnership_id","stream_id","year_start");--> statement-breakpoint
CREATE INDEX "funding_streams_partnership" ON "funding_streams" USING btree ("partnership_id");--> statement-breakpoint
CREATE UNIQUE INDEX "safe_accommodation_returns_year" ON "safe_accommodation_returns" USING btree ("partnership_id","year_start");--> statement-breakpoint
CREATE UNIQUE INDEX "spend_returns_allocation_quarter" ON "spend_returns" USING btree ("allocation_id","year_start","quarter");