-- The console's lists (docs/operations.md "Console"): an app's schedules by status, newest first, and an app's users
-- found by mobile or email, each an index walk however many rows the tables hold.
CREATE INDEX sms_schedule_app ON sms_schedule (app_key, status, id);
CREATE INDEX ums_user_mobile ON ums_user (app_key, mobile);
CREATE INDEX ums_user_email ON ums_user (app_key, email);
