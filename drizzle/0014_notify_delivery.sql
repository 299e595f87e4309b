ALTER TABLE "mail_outbox" ADD COLUMN "sent_via" text;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "notify_id" text;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "delivery_status" text;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "delivery_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "failed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "retry_at" timestamp with time zone;