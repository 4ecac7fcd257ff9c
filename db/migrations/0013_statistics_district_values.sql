-- Medians for one district (docs/decisions/0009-statistics-summaries.md): stats_monthly_values' frequencies
-- per district instead of language, in a WITHOUT ROWID table keyed the way a district's view reads it, kept
-- by triggers on learner_module_stats beside those of migration statistics_cube_triggers, and filled here
-- from the per-learner summaries (as rebuildLearnerStatistics does).
CREATE TABLE `stats_district_values` (
	`course_id` text NOT NULL,
	`kind` text NOT NULL,
	`district` text NOT NULL,
	`month` text NOT NULL,
	`module_id` text NOT NULL,
	`institution_type` text NOT NULL,
	`value` real NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`course_id`, `kind`, `district`, `month`, `module_id`, `institution_type`, `value`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER stats_district_values_insert AFTER INSERT ON learner_module_stats BEGIN
  INSERT INTO stats_district_values (course_id, kind, district, month, module_id, institution_type, value, n)
  SELECT new.course_id, 'minutes', coalesce(new.district, ''), belgrade_month(new.completed_at), new.module_id, new.institution_type, CASE WHEN new.minutes_to_complete < 120 THEN new.minutes_to_complete WHEN new.minutes_to_complete < 2880 THEN round(new.minutes_to_complete / 60.0) * 60 ELSE round(new.minutes_to_complete / 1440.0) * 1440 END, 1
  WHERE new.completed_at IS NOT NULL AND new.minutes_to_complete IS NOT NULL
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
  INSERT INTO stats_district_values (course_id, kind, district, month, module_id, institution_type, value, n)
  SELECT new.course_id, 'score', coalesce(new.district, ''), belgrade_month(new.first_finished_at), new.module_id, new.institution_type, new.best_score, 1
  WHERE new.first_finished_at IS NOT NULL AND new.best_score IS NOT NULL
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER stats_district_values_delete AFTER DELETE ON learner_module_stats BEGIN
  INSERT INTO stats_district_values (course_id, kind, district, month, module_id, institution_type, value, n)
  SELECT old.course_id, 'minutes', coalesce(old.district, ''), belgrade_month(old.completed_at), old.module_id, old.institution_type, CASE WHEN old.minutes_to_complete < 120 THEN old.minutes_to_complete WHEN old.minutes_to_complete < 2880 THEN round(old.minutes_to_complete / 60.0) * 60 ELSE round(old.minutes_to_complete / 1440.0) * 1440 END, -1
  WHERE old.completed_at IS NOT NULL AND old.minutes_to_complete IS NOT NULL
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
  INSERT INTO stats_district_values (course_id, kind, district, month, module_id, institution_type, value, n)
  SELECT old.course_id, 'score', coalesce(old.district, ''), belgrade_month(old.first_finished_at), old.module_id, old.institution_type, old.best_score, -1
  WHERE old.first_finished_at IS NOT NULL AND old.best_score IS NOT NULL
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER stats_district_values_update AFTER UPDATE ON learner_module_stats BEGIN
  INSERT INTO stats_district_values (course_id, kind, district, month, module_id, institution_type, value, n)
  SELECT old.course_id, 'minutes', coalesce(old.district, ''), belgrade_month(old.completed_at), old.module_id, old.institution_type, CASE WHEN old.minutes_to_complete < 120 THEN old.minutes_to_complete WHEN old.minutes_to_complete < 2880 THEN round(old.minutes_to_complete / 60.0) * 60 ELSE round(old.minutes_to_complete / 1440.0) * 1440 END, -1
  WHERE old.completed_at IS NOT NULL AND old.minutes_to_complete IS NOT NULL
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
  INSERT INTO stats_district_values (course_id, kind, district, month, module_id, institution_type, value, n)
  SELECT old.course_id, 'score', coalesce(old.district, ''), belgrade_month(old.first_finished_at), old.module_id, old.institution_type, old.best_score, -1
  WHERE old.first_finished_at IS NOT NULL AND old.best_score IS NOT NULL
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
  INSERT INTO stats_district_values (course_id, kind, district, month, module_id, institution_type, value, n)
  SELECT new.course_id, 'minutes', coalesce(new.district, ''), belgrade_month(new.completed_at), new.module_id, new.institution_type, CASE WHEN new.minutes_to_complete < 120 THEN new.minutes_to_complete WHEN new.minutes_to_complete < 2880 THEN round(new.minutes_to_complete / 60.0) * 60 ELSE round(new.minutes_to_complete / 1440.0) * 1440 END, 1
  WHERE new.completed_at IS NOT NULL AND new.minutes_to_complete IS NOT NULL
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
  INSERT INTO stats_district_values (course_id, kind, district, month, module_id, institution_type, value, n)
  SELECT new.course_id, 'score', coalesce(new.district, ''), belgrade_month(new.first_finished_at), new.module_id, new.institution_type, new.best_score, 1
  WHERE new.first_finished_at IS NOT NULL AND new.best_score IS NOT NULL
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
INSERT INTO stats_district_values (course_id, kind, district, month, module_id, institution_type, value, n)
SELECT course_id, 'minutes', coalesce(district, ''), belgrade_month(completed_at), module_id, institution_type, CASE WHEN minutes_to_complete < 120 THEN minutes_to_complete WHEN minutes_to_complete < 2880 THEN round(minutes_to_complete / 60.0) * 60 ELSE round(minutes_to_complete / 1440.0) * 1440 END, count(*)
FROM learner_module_stats WHERE completed_at IS NOT NULL AND minutes_to_complete IS NOT NULL GROUP BY 1, 3, 4, 5, 6, 7;
--> statement-breakpoint
INSERT INTO stats_district_values (course_id, kind, district, month, module_id, institution_type, value, n)
SELECT course_id, 'score', coalesce(district, ''), belgrade_month(first_finished_at), module_id, institution_type, best_score, count(*)
FROM learner_module_stats WHERE first_finished_at IS NOT NULL AND best_score IS NOT NULL GROUP BY 1, 3, 4, 5, 6, 7;
