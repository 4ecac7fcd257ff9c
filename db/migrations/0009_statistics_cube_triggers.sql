-- Triggers that keep stats_monthly and stats_monthly_values (docs/decisions/0009-statistics-summaries.md).
-- belgrade_month() is registered on every connection by openDatabase (app/utils/db.server.ts).
CREATE TRIGGER stats_lms_insert AFTER INSERT ON learner_module_stats BEGIN
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, began, began_completed)
  SELECT new.course_id, new.module_id, belgrade_month(new.started_at), new.institution_type, coalesce(new.district, ''), new.language, 1, 1 * (new.completed_at IS NOT NULL)
  WHERE 1
  ON CONFLICT DO UPDATE SET began = began + excluded.began, began_completed = began_completed + excluded.began_completed;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, completed)
  SELECT new.course_id, new.module_id, belgrade_month(new.completed_at), new.institution_type, coalesce(new.district, ''), new.language, 1
  WHERE new.completed_at IS NOT NULL
  ON CONFLICT DO UPDATE SET completed = completed + excluded.completed;
  INSERT INTO stats_monthly_values (course_id, kind, month, module_id, institution_type, language, value, n)
  SELECT new.course_id, 'minutes', belgrade_month(new.completed_at), new.module_id, new.institution_type, new.language, CASE WHEN new.minutes_to_complete < 120 THEN new.minutes_to_complete WHEN new.minutes_to_complete < 2880 THEN round(new.minutes_to_complete / 60.0) * 60 ELSE round(new.minutes_to_complete / 1440.0) * 1440 END, 1
  WHERE new.completed_at IS NOT NULL AND new.minutes_to_complete IS NOT NULL
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, first_attempts, first_passed, passed, best_sum)
  SELECT new.course_id, new.module_id, belgrade_month(new.first_finished_at), new.institution_type, coalesce(new.district, ''), new.language, 1, 1 * coalesce(new.first_passed, 0), 1 * new.passed, 1 * coalesce(new.best_score, 0)
  WHERE new.first_finished_at IS NOT NULL
  ON CONFLICT DO UPDATE SET first_attempts = first_attempts + excluded.first_attempts, first_passed = first_passed + excluded.first_passed, passed = passed + excluded.passed, best_sum = best_sum + excluded.best_sum;
  INSERT INTO stats_monthly_values (course_id, kind, month, module_id, institution_type, language, value, n)
  SELECT new.course_id, 'score', belgrade_month(new.first_finished_at), new.module_id, new.institution_type, new.language, new.best_score, 1
  WHERE new.first_finished_at IS NOT NULL AND new.best_score IS NOT NULL
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER stats_lms_delete AFTER DELETE ON learner_module_stats BEGIN
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, began, began_completed)
  SELECT old.course_id, old.module_id, belgrade_month(old.started_at), old.institution_type, coalesce(old.district, ''), old.language, -1, -1 * (old.completed_at IS NOT NULL)
  WHERE 1
  ON CONFLICT DO UPDATE SET began = began + excluded.began, began_completed = began_completed + excluded.began_completed;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, completed)
  SELECT old.course_id, old.module_id, belgrade_month(old.completed_at), old.institution_type, coalesce(old.district, ''), old.language, -1
  WHERE old.completed_at IS NOT NULL
  ON CONFLICT DO UPDATE SET completed = completed + excluded.completed;
  INSERT INTO stats_monthly_values (course_id, kind, month, module_id, institution_type, language, value, n)
  SELECT old.course_id, 'minutes', belgrade_month(old.completed_at), old.module_id, old.institution_type, old.language, CASE WHEN old.minutes_to_complete < 120 THEN old.minutes_to_complete WHEN old.minutes_to_complete < 2880 THEN round(old.minutes_to_complete / 60.0) * 60 ELSE round(old.minutes_to_complete / 1440.0) * 1440 END, -1
  WHERE old.completed_at IS NOT NULL AND old.minutes_to_complete IS NOT NULL
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, first_attempts, first_passed, passed, best_sum)
  SELECT old.course_id, old.module_id, belgrade_month(old.first_finished_at), old.institution_type, coalesce(old.district, ''), old.language, -1, -1 * coalesce(old.first_passed, 0), -1 * old.passed, -1 * coalesce(old.best_score, 0)
  WHERE old.first_finished_at IS NOT NULL
  ON CONFLICT DO UPDATE SET first_attempts = first_attempts + excluded.first_attempts, first_passed = first_passed + excluded.first_passed, passed = passed + excluded.passed, best_sum = best_sum + excluded.best_sum;
  INSERT INTO stats_monthly_values (course_id, kind, month, module_id, institution_type, language, value, n)
  SELECT old.course_id, 'score', belgrade_month(old.first_finished_at), old.module_id, old.institution_type, old.language, old.best_score, -1
  WHERE old.first_finished_at IS NOT NULL AND old.best_score IS NOT NULL
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER stats_lms_update AFTER UPDATE ON learner_module_stats BEGIN
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, began, began_completed)
  SELECT old.course_id, old.module_id, belgrade_month(old.started_at), old.institution_type, coalesce(old.district, ''), old.language, -1, -1 * (old.completed_at IS NOT NULL)
  WHERE 1
  ON CONFLICT DO UPDATE SET began = began + excluded.began, began_completed = began_completed + excluded.began_completed;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, completed)
  SELECT old.course_id, old.module_id, belgrade_month(old.completed_at), old.institution_type, coalesce(old.district, ''), old.language, -1
  WHERE old.completed_at IS NOT NULL
  ON CONFLICT DO UPDATE SET completed = completed + excluded.completed;
  INSERT INTO stats_monthly_values (course_id, kind, month, module_id, institution_type, language, value, n)
  SELECT old.course_id, 'minutes', belgrade_month(old.completed_at), old.module_id, old.institution_type, old.language, CASE WHEN old.minutes_to_complete < 120 THEN old.minutes_to_complete WHEN old.minutes_to_complete < 2880 THEN round(old.minutes_to_complete / 60.0) * 60 ELSE round(old.minutes_to_complete / 1440.0) * 1440 END, -1
  WHERE old.completed_at IS NOT NULL AND old.minutes_to_complete IS NOT NULL
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, first_attempts, first_passed, passed, best_sum)
  SELECT old.course_id, old.module_id, belgrade_month(old.first_finished_at), old.institution_type, coalesce(old.district, ''), old.language, -1, -1 * coalesce(old.first_passed, 0), -1 * old.passed, -1 * coalesce(old.best_score, 0)
  WHERE old.first_finished_at IS NOT NULL
  ON CONFLICT DO UPDATE SET first_attempts = first_attempts + excluded.first_attempts, first_passed = first_passed + excluded.first_passed, passed = passed + excluded.passed, best_sum = best_sum + excluded.best_sum;
  INSERT INTO stats_monthly_values (course_id, kind, month, module_id, institution_type, language, value, n)
  SELECT old.course_id, 'score', belgrade_month(old.first_finished_at), old.module_id, old.institution_type, old.language, old.best_score, -1
  WHERE old.first_finished_at IS NOT NULL AND old.best_score IS NOT NULL
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, began, began_completed)
  SELECT new.course_id, new.module_id, belgrade_month(new.started_at), new.institution_type, coalesce(new.district, ''), new.language, 1, 1 * (new.completed_at IS NOT NULL)
  WHERE 1
  ON CONFLICT DO UPDATE SET began = began + excluded.began, began_completed = began_completed + excluded.began_completed;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, completed)
  SELECT new.course_id, new.module_id, belgrade_month(new.completed_at), new.institution_type, coalesce(new.district, ''), new.language, 1
  WHERE new.completed_at IS NOT NULL
  ON CONFLICT DO UPDATE SET completed = completed + excluded.completed;
  INSERT INTO stats_monthly_values (course_id, kind, month, module_id, institution_type, language, value, n)
  SELECT new.course_id, 'minutes', belgrade_month(new.completed_at), new.module_id, new.institution_type, new.language, CASE WHEN new.minutes_to_complete < 120 THEN new.minutes_to_complete WHEN new.minutes_to_complete < 2880 THEN round(new.minutes_to_complete / 60.0) * 60 ELSE round(new.minutes_to_complete / 1440.0) * 1440 END, 1
  WHERE new.completed_at IS NOT NULL AND new.minutes_to_complete IS NOT NULL
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, first_attempts, first_passed, passed, best_sum)
  SELECT new.course_id, new.module_id, belgrade_month(new.first_finished_at), new.institution_type, coalesce(new.district, ''), new.language, 1, 1 * coalesce(new.first_passed, 0), 1 * new.passed, 1 * coalesce(new.best_score, 0)
  WHERE new.first_finished_at IS NOT NULL
  ON CONFLICT DO UPDATE SET first_attempts = first_attempts + excluded.first_attempts, first_passed = first_passed + excluded.first_passed, passed = passed + excluded.passed, best_sum = best_sum + excluded.best_sum;
  INSERT INTO stats_monthly_values (course_id, kind, month, module_id, institution_type, language, value, n)
  SELECT new.course_id, 'score', belgrade_month(new.first_finished_at), new.module_id, new.institution_type, new.language, new.best_score, 1
  WHERE new.first_finished_at IS NOT NULL AND new.best_score IS NOT NULL
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER stats_activity_insert AFTER INSERT ON learner_activity_months BEGIN
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, active)
  SELECT new.course_id, '', new.month, new.institution_type, coalesce(new.district, ''), new.language, 1
  WHERE 1
  ON CONFLICT DO UPDATE SET active = active + excluded.active;
END;
--> statement-breakpoint
CREATE TRIGGER stats_activity_delete AFTER DELETE ON learner_activity_months BEGIN
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, active)
  SELECT old.course_id, '', old.month, old.institution_type, coalesce(old.district, ''), old.language, -1
  WHERE 1
  ON CONFLICT DO UPDATE SET active = active + excluded.active;
END;
--> statement-breakpoint
CREATE TRIGGER stats_activity_update AFTER UPDATE OF course_id, month, institution_type, district, language ON learner_activity_months BEGIN
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, active)
  SELECT old.course_id, '', old.month, old.institution_type, coalesce(old.district, ''), old.language, -1
  WHERE 1
  ON CONFLICT DO UPDATE SET active = active + excluded.active;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, active)
  SELECT new.course_id, '', new.month, new.institution_type, coalesce(new.district, ''), new.language, 1
  WHERE 1
  ON CONFLICT DO UPDATE SET active = active + excluded.active;
END;
--> statement-breakpoint
CREATE TRIGGER stats_enrolments_insert AFTER INSERT ON enrolments BEGIN
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, started)
  SELECT new.course_id, '', belgrade_month(new.started_at), u.institution_type, coalesce(u.district, ''), u.language, 1
  FROM users u WHERE u.id = new.user_id
  ON CONFLICT DO UPDATE SET started = started + excluded.started;
END;
--> statement-breakpoint
CREATE TRIGGER stats_enrolments_delete AFTER DELETE ON enrolments BEGIN
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, started)
  SELECT old.course_id, '', belgrade_month(old.started_at), u.institution_type, coalesce(u.district, ''), u.language, -1
  FROM users u WHERE u.id = old.user_id
  ON CONFLICT DO UPDATE SET started = started + excluded.started;
END;
--> statement-breakpoint
CREATE TRIGGER stats_enrolments_update AFTER UPDATE OF started_at, course_id, user_id ON enrolments BEGIN
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, started)
  SELECT old.course_id, '', belgrade_month(old.started_at), u.institution_type, coalesce(u.district, ''), u.language, -1
  FROM users u WHERE u.id = old.user_id
  ON CONFLICT DO UPDATE SET started = started + excluded.started;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, started)
  SELECT new.course_id, '', belgrade_month(new.started_at), u.institution_type, coalesce(u.district, ''), u.language, 1
  FROM users u WHERE u.id = new.user_id
  ON CONFLICT DO UPDATE SET started = started + excluded.started;
END;
--> statement-breakpoint
CREATE TRIGGER stats_course_completions_insert AFTER INSERT ON course_completions BEGIN
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, course_completions)
  SELECT new.course_id, '', belgrade_month(new.completed_at), u.institution_type, coalesce(u.district, ''), u.language, 1
  FROM users u WHERE u.id = new.user_id
  ON CONFLICT DO UPDATE SET course_completions = course_completions + excluded.course_completions;
END;
--> statement-breakpoint
CREATE TRIGGER stats_course_completions_delete AFTER DELETE ON course_completions BEGIN
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, course_completions)
  SELECT old.course_id, '', belgrade_month(old.completed_at), u.institution_type, coalesce(u.district, ''), u.language, -1
  FROM users u WHERE u.id = old.user_id
  ON CONFLICT DO UPDATE SET course_completions = course_completions + excluded.course_completions;
END;
--> statement-breakpoint
CREATE TRIGGER stats_certificates_insert AFTER INSERT ON certificates BEGIN
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, certificates_issued)
  SELECT new.course_id, '', belgrade_month(new.issued_at), u.institution_type, coalesce(u.district, ''), u.language, 1
  FROM users u WHERE u.id = new.user_id
  ON CONFLICT DO UPDATE SET certificates_issued = certificates_issued + excluded.certificates_issued;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, certificates_revoked)
  SELECT new.course_id, '', belgrade_month(new.revoked_at), u.institution_type, coalesce(u.district, ''), u.language, 1
  FROM users u WHERE u.id = new.user_id AND new.revoked_at IS NOT NULL
  ON CONFLICT DO UPDATE SET certificates_revoked = certificates_revoked + excluded.certificates_revoked;
END;
--> statement-breakpoint
CREATE TRIGGER stats_certificates_delete AFTER DELETE ON certificates BEGIN
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, certificates_issued)
  SELECT old.course_id, '', belgrade_month(old.issued_at), u.institution_type, coalesce(u.district, ''), u.language, -1
  FROM users u WHERE u.id = old.user_id
  ON CONFLICT DO UPDATE SET certificates_issued = certificates_issued + excluded.certificates_issued;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, certificates_revoked)
  SELECT old.course_id, '', belgrade_month(old.revoked_at), u.institution_type, coalesce(u.district, ''), u.language, -1
  FROM users u WHERE u.id = old.user_id AND old.revoked_at IS NOT NULL
  ON CONFLICT DO UPDATE SET certificates_revoked = certificates_revoked + excluded.certificates_revoked;
END;
--> statement-breakpoint
CREATE TRIGGER stats_certificates_update AFTER UPDATE OF issued_at, revoked_at, user_id, course_id ON certificates BEGIN
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, certificates_issued)
  SELECT old.course_id, '', belgrade_month(old.issued_at), u.institution_type, coalesce(u.district, ''), u.language, -1
  FROM users u WHERE u.id = old.user_id
  ON CONFLICT DO UPDATE SET certificates_issued = certificates_issued + excluded.certificates_issued;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, certificates_revoked)
  SELECT old.course_id, '', belgrade_month(old.revoked_at), u.institution_type, coalesce(u.district, ''), u.language, -1
  FROM users u WHERE u.id = old.user_id AND old.revoked_at IS NOT NULL
  ON CONFLICT DO UPDATE SET certificates_revoked = certificates_revoked + excluded.certificates_revoked;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, certificates_issued)
  SELECT new.course_id, '', belgrade_month(new.issued_at), u.institution_type, coalesce(u.district, ''), u.language, 1
  FROM users u WHERE u.id = new.user_id
  ON CONFLICT DO UPDATE SET certificates_issued = certificates_issued + excluded.certificates_issued;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, certificates_revoked)
  SELECT new.course_id, '', belgrade_month(new.revoked_at), u.institution_type, coalesce(u.district, ''), u.language, 1
  FROM users u WHERE u.id = new.user_id AND new.revoked_at IS NOT NULL
  ON CONFLICT DO UPDATE SET certificates_revoked = certificates_revoked + excluded.certificates_revoked;
END;
--> statement-breakpoint
CREATE TRIGGER stats_users_insert AFTER INSERT ON users BEGIN
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, registered)
  SELECT '', '', belgrade_month(new.created_at), new.institution_type, coalesce(new.district, ''), new.language, 1
  WHERE new.role = 'learner'
  ON CONFLICT DO UPDATE SET registered = registered + excluded.registered;
END;
--> statement-breakpoint
CREATE TRIGGER stats_users_delete BEFORE DELETE ON users BEGIN
  -- Before the row goes: the cascade that deletes its enrolments, completions and certificates runs after it, when their own triggers can no longer read the profile.
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, registered)
  SELECT '', '', belgrade_month(old.created_at), old.institution_type, coalesce(old.district, ''), old.language, -1
  WHERE old.role = 'learner'
  ON CONFLICT DO UPDATE SET registered = registered + excluded.registered;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, started)
  SELECT e.course_id, '', belgrade_month(e.started_at), old.institution_type, coalesce(old.district, ''), old.language, -1
  FROM enrolments e WHERE e.user_id = old.id
  ON CONFLICT DO UPDATE SET started = started + excluded.started;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, course_completions)
  SELECT c.course_id, '', belgrade_month(c.completed_at), old.institution_type, coalesce(old.district, ''), old.language, -1
  FROM course_completions c WHERE c.user_id = old.id
  ON CONFLICT DO UPDATE SET course_completions = course_completions + excluded.course_completions;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, certificates_issued)
  SELECT c.course_id, '', belgrade_month(c.issued_at), old.institution_type, coalesce(old.district, ''), old.language, -1
  FROM certificates c WHERE c.user_id = old.id
  ON CONFLICT DO UPDATE SET certificates_issued = certificates_issued + excluded.certificates_issued;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, certificates_revoked)
  SELECT c.course_id, '', belgrade_month(c.revoked_at), old.institution_type, coalesce(old.district, ''), old.language, -1
  FROM certificates c WHERE c.user_id = old.id AND c.revoked_at IS NOT NULL
  ON CONFLICT DO UPDATE SET certificates_revoked = certificates_revoked + excluded.certificates_revoked;
END;
--> statement-breakpoint
CREATE TRIGGER stats_users_update AFTER UPDATE OF role, institution_type, district, language, created_at ON users BEGIN
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, registered)
  SELECT '', '', belgrade_month(old.created_at), old.institution_type, coalesce(old.district, ''), old.language, -1
  WHERE old.role = 'learner'
  ON CONFLICT DO UPDATE SET registered = registered + excluded.registered;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, registered)
  SELECT '', '', belgrade_month(new.created_at), new.institution_type, coalesce(new.district, ''), new.language, 1
  WHERE new.role = 'learner'
  ON CONFLICT DO UPDATE SET registered = registered + excluded.registered;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, started)
  SELECT e.course_id, '', belgrade_month(e.started_at), old.institution_type, coalesce(old.district, ''), old.language, -1
  FROM enrolments e WHERE e.user_id = old.id
  ON CONFLICT DO UPDATE SET started = started + excluded.started;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, course_completions)
  SELECT c.course_id, '', belgrade_month(c.completed_at), old.institution_type, coalesce(old.district, ''), old.language, -1
  FROM course_completions c WHERE c.user_id = old.id
  ON CONFLICT DO UPDATE SET course_completions = course_completions + excluded.course_completions;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, certificates_issued)
  SELECT c.course_id, '', belgrade_month(c.issued_at), old.institution_type, coalesce(old.district, ''), old.language, -1
  FROM certificates c WHERE c.user_id = old.id
  ON CONFLICT DO UPDATE SET certificates_issued = certificates_issued + excluded.certificates_issued;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, certificates_revoked)
  SELECT c.course_id, '', belgrade_month(c.revoked_at), old.institution_type, coalesce(old.district, ''), old.language, -1
  FROM certificates c WHERE c.user_id = old.id AND c.revoked_at IS NOT NULL
  ON CONFLICT DO UPDATE SET certificates_revoked = certificates_revoked + excluded.certificates_revoked;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, started)
  SELECT e.course_id, '', belgrade_month(e.started_at), new.institution_type, coalesce(new.district, ''), new.language, 1
  FROM enrolments e WHERE e.user_id = new.id
  ON CONFLICT DO UPDATE SET started = started + excluded.started;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, course_completions)
  SELECT c.course_id, '', belgrade_month(c.completed_at), new.institution_type, coalesce(new.district, ''), new.language, 1
  FROM course_completions c WHERE c.user_id = new.id
  ON CONFLICT DO UPDATE SET course_completions = course_completions + excluded.course_completions;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, certificates_issued)
  SELECT c.course_id, '', belgrade_month(c.issued_at), new.institution_type, coalesce(new.district, ''), new.language, 1
  FROM certificates c WHERE c.user_id = new.id
  ON CONFLICT DO UPDATE SET certificates_issued = certificates_issued + excluded.certificates_issued;
  INSERT INTO stats_monthly (course_id, module_id, month, institution_type, district, language, certificates_revoked)
  SELECT c.course_id, '', belgrade_month(c.revoked_at), new.institution_type, coalesce(new.district, ''), new.language, 1
  FROM certificates c WHERE c.user_id = new.id AND c.revoked_at IS NOT NULL
  ON CONFLICT DO UPDATE SET certificates_revoked = certificates_revoked + excluded.certificates_revoked;
  -- The per-learner summaries carry copies of the profile (and their own triggers move their counts).
  UPDATE learner_module_stats SET institution_type = new.institution_type, district = new.district, language = new.language
  WHERE user_id = new.id AND (institution_type, coalesce(district, ''), language) IS NOT (new.institution_type, coalesce(new.district, ''), new.language);
  UPDATE learner_activity_months SET institution_type = new.institution_type, district = new.district, language = new.language
  WHERE user_id = new.id AND (institution_type, coalesce(district, ''), language) IS NOT (new.institution_type, coalesce(new.district, ''), new.language);
END;
