CREATE TABLE "agenda_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "agenda_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partnership_id" integer NOT NULL,
	"meeting_id" integer NOT NULL,
	"parent_item_id" integer,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"purpose" text DEFAULT 'information' NOT NULL,
	"presenter" text DEFAULT '' NOT NULL,
	"duration_minutes" integer,
	"subject" text DEFAULT 'text' NOT NULL,
	"report_kind" text,
	"report_subject_id" integer,
	"commitment_id" integer,
	"description" text DEFAULT '' NOT NULL,
	"minutes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "board_seats" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "board_seats_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partnership_id" integer NOT NULL,
	"board_id" integer NOT NULL,
	"title" text NOT NULL,
	"organisation_id" integer,
	"holder_user_id" integer,
	"holder_name" text DEFAULT '' NOT NULL,
	"holder_role" text DEFAULT '' NOT NULL,
	"deputy_user_id" integer,
	"deputy_name" text DEFAULT '' NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"voting" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "board_terms" (
	"board_id" integer PRIMARY KEY NOT NULL,
	"partnership_id" integer NOT NULL,
	"kind" text DEFAULT 'operational' NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"chair" text DEFAULT '' NOT NULL,
	"quorum" integer,
	"meeting_frequency" text DEFAULT 'quarterly' NOT NULL,
	"review_on" date,
	"pack_lead_days" integer DEFAULT 7 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "context_attachments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "context_attachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partnership_id" integer NOT NULL,
	"context_item_id" integer NOT NULL,
	"agenda_item_id" integer,
	"report_kind" text,
	"report_subject_id" integer,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "context_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "context_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partnership_id" integer NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"stage" text DEFAULT '' NOT NULL,
	"stage_on" date,
	"summary" text DEFAULT '' NOT NULL,
	"link" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "decisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partnership_id" integer NOT NULL,
	"meeting_id" integer NOT NULL,
	"agenda_item_id" integer,
	"reference" text NOT NULL,
	"decision" text NOT NULL,
	"reasons" text DEFAULT '' NOT NULL,
	"alternatives_considered" text DEFAULT '' NOT NULL,
	"decision_maker" text DEFAULT '' NOT NULL,
	"decided_on" date NOT NULL,
	"key_decision" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'agreed' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forward_plan_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "forward_plan_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partnership_id" integer NOT NULL,
	"title" text NOT NULL,
	"report_kind" text,
	"report_subject_id" integer,
	"author" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forward_plan_stops" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "forward_plan_stops_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partnership_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"position" integer NOT NULL,
	"board_id" integer NOT NULL,
	"meeting_id" integer,
	"due_on" date,
	"status" text DEFAULT 'planned' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_action_updates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_action_updates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partnership_id" integer NOT NULL,
	"meeting_action_id" integer NOT NULL,
	"status" text NOT NULL,
	"rating" "rating",
	"narrative" text DEFAULT '' NOT NULL,
	"author_user_id" integer,
	"author_organisation_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_actions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_actions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partnership_id" integer NOT NULL,
	"meeting_id" integer NOT NULL,
	"agenda_item_id" integer,
	"reference" text NOT NULL,
	"description" text NOT NULL,
	"owner_organisation_id" integer NOT NULL,
	"due_on" date,
	"status" text DEFAULT 'not_started' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_attendance" (
	"partnership_id" integer NOT NULL,
	"meeting_id" integer NOT NULL,
	"seat_id" integer NOT NULL,
	"status" text NOT NULL,
	"attendee_name" text DEFAULT '' NOT NULL,
	CONSTRAINT "meeting_attendance_meeting_id_seat_id_pk" PRIMARY KEY("meeting_id","seat_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_pack_receipts" (
	"partnership_id" integer NOT NULL,
	"pack_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"first_opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_pack_receipts_pack_id_user_id_pk" PRIMARY KEY("pack_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_packs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_packs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partnership_id" integer NOT NULL,
	"meeting_id" integer NOT NULL,
	"pack_version" integer NOT NULL,
	"as_at" date NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"title" text NOT NULL,
	"html" text NOT NULL,
	"docx" "bytea" NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by_user_id" integer
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meetings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partnership_id" integer NOT NULL,
	"board_id" integer NOT NULL,
	"meets_on" date NOT NULL,
	"starts_at" text,
	"ends_at" text,
	"location" text DEFAULT '' NOT NULL,
	"online_link" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"pack_due_on" date,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_parent_item_id_agenda_items_id_fk" FOREIGN KEY ("parent_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_seats" ADD CONSTRAINT "board_seats_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_seats" ADD CONSTRAINT "board_seats_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_seats" ADD CONSTRAINT "board_seats_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_seats" ADD CONSTRAINT "board_seats_holder_user_id_users_id_fk" FOREIGN KEY ("holder_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_seats" ADD CONSTRAINT "board_seats_deputy_user_id_users_id_fk" FOREIGN KEY ("deputy_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_terms" ADD CONSTRAINT "board_terms_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_terms" ADD CONSTRAINT "board_terms_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "context_attachments" ADD CONSTRAINT "context_attachments_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "context_attachments" ADD CONSTRAINT "context_attachments_context_item_id_context_items_id_fk" FOREIGN KEY ("context_item_id") REFERENCES "public"."context_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "context_attachments" ADD CONSTRAINT "context_attachments_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "context_items" ADD CONSTRAINT "context_items_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forward_plan_items" ADD CONSTRAINT "forward_plan_items_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forward_plan_stops" ADD CONSTRAINT "forward_plan_stops_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forward_plan_stops" ADD CONSTRAINT "forward_plan_stops_item_id_forward_plan_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."forward_plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forward_plan_stops" ADD CONSTRAINT "forward_plan_stops_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forward_plan_stops" ADD CONSTRAINT "forward_plan_stops_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_action_updates" ADD CONSTRAINT "meeting_action_updates_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_action_updates" ADD CONSTRAINT "meeting_action_updates_meeting_action_id_meeting_actions_id_fk" FOREIGN KEY ("meeting_action_id") REFERENCES "public"."meeting_actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_action_updates" ADD CONSTRAINT "meeting_action_updates_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_action_updates" ADD CONSTRAINT "meeting_action_updates_author_organisation_id_organisations_id_fk" FOREIGN KEY ("author_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_actions" ADD CONSTRAINT "meeting_actions_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_actions" ADD CONSTRAINT "meeting_actions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_actions" ADD CONSTRAINT "meeting_actions_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_actions" ADD CONSTRAINT "meeting_actions_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_seat_id_board_seats_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."board_seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_pack_receipts" ADD CONSTRAINT "meeting_pack_receipts_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_pack_receipts" ADD CONSTRAINT "meeting_pack_receipts_pack_id_meeting_packs_id_fk" FOREIGN KEY ("pack_id") REFERENCES "public"."meeting_packs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_pack_receipts" ADD CONSTRAINT "meeting_pack_receipts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_packs" ADD CONSTRAINT "meeting_packs_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_packs" ADD CONSTRAINT "meeting_packs_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_packs" ADD CONSTRAINT "meeting_packs_published_by_user_id_users_id_fk" FOREIGN KEY ("published_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agenda_items_meeting" ON "agenda_items" USING btree ("partnership_id","meeting_id","position");--> statement-breakpoint
CREATE INDEX "board_seats_board" ON "board_seats" USING btree ("partnership_id","board_id","position");--> statement-breakpoint
CREATE INDEX "context_attachments_agenda" ON "context_attachments" USING btree ("partnership_id","agenda_item_id");--> statement-breakpoint
CREATE INDEX "context_attachments_report" ON "context_attachments" USING btree ("partnership_id","report_kind","report_subject_id");--> statement-breakpoint
CREATE INDEX "context_items_partnership" ON "context_items" USING btree ("partnership_id","stage_on");--> statement-breakpoint
CREATE UNIQUE INDEX "decisions_reference" ON "decisions" USING btree ("partnership_id","reference");--> statement-breakpoint
CREATE INDEX "decisions_meeting" ON "decisions" USING btree ("partnership_id","meeting_id");--> statement-breakpoint
CREATE INDEX "forward_plan_items_partnership" ON "forward_plan_items" USING btree ("partnership_id");--> statement-breakpoint
CREATE UNIQUE INDEX "forward_plan_stops_item_position" ON "forward_plan_stops" USING btree ("item_id","position");--> statement-breakpoint
CREATE INDEX "forward_plan_stops_meeting" ON "forward_plan_stops" USING btree ("partnership_id","meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_action_updates_action" ON "meeting_action_updates" USING btree ("meeting_action_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_actions_reference" ON "meeting_actions" USING btree ("partnership_id","reference");--> statement-breakpoint
CREATE INDEX "meeting_actions_owner" ON "meeting_actions" USING btree ("partnership_id","owner_organisation_id","status");--> statement-breakpoint
CREATE INDEX "meeting_actions_meeting" ON "meeting_actions" USING btree ("partnership_id","meeting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_packs_version" ON "meeting_packs" USING btree ("meeting_id","pack_version");--> statement-breakpoint
CREATE INDEX "meetings_board_date" ON "meetings" USING btree ("partnership_id","board_id","meets_on");--> statement-breakpoint
-- Existing boards get their terms of reference row, and their meeting dates become meetings (held if past).
INSERT INTO "board_terms" ("board_id", "partnership_id") SELECT "id", "partnership_id" FROM "boards";--> statement-breakpoint
INSERT INTO "meetings" ("partnership_id", "board_id", "meets_on", "status", "pack_due_on")
SELECT b."partnership_id", b."id", d, CASE WHEN d < current_date THEN 'held' ELSE 'planned' END, d - 7
FROM "boards" b, unnest(b."meeting_dates") AS d;
