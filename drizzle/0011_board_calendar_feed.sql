ALTER TABLE "board_terms" ADD COLUMN "calendar_token" text DEFAULT replace(gen_random_uuid()::text, '-', '') NOT NULL;--> statement-breakpoint
ALTER TABLE "boards" DROP COLUMN "meeting_dates";--> statement-breakpoint
ALTER TABLE "board_terms" ADD CONSTRAINT "board_terms_calendar_token" UNIQUE("calendar_token");