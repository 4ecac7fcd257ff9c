-- Item analysis (docs/decisions/0009-statistics-summaries.md): views that read an attempt's figures
-- from the raw rows, and triggers that add a finished attempt into item_stats, item_responses and
-- quiz_stats (and take a deleted one out) in the statement that finishes or deletes it: once under the
-- attempt's language and once under '' (all languages), where a learner counts once whatever the language.
-- rebuildItemStatistics (app/models/item-statistics.server.ts) aggregates the same views; it fills the
-- tables at start for a database that has finished attempts from before them.

-- One row per finished attempt and drawn question: x is the question's score from its last answer, 0 when unanswered.
CREATE VIEW item_scores AS
SELECT qa.id AS attempt_id, qa.user_id, qa.course_id, qa.module_id, qa.language, j.value AS question_id,
  coalesce((SELECT a.score FROM quiz_answers a WHERE a.attempt_id = qa.id AND a.question_id = j.value ORDER BY a.id DESC LIMIT 1), 0) AS x
FROM quiz_attempts qa, json_each(qa.question_ids) j
WHERE qa.status <> 'in-progress';
--> statement-breakpoint
-- One row per part chosen in the last answer to each question of a finished attempt (the parts are described at item_responses in db/schema.ts).
CREATE VIEW item_response_parts AS
SELECT qa.id AS attempt_id, qa.user_id, qa.course_id, qa.module_id, qa.language, a.question_id,
  CASE json_extract(a.response, '$.type') WHEN 'matching' THEN j.key || '=' || j.value WHEN 'ordering' THEN j.value || '@' || j.key ELSE j.value END AS part
FROM quiz_attempts qa
JOIN quiz_answers a ON a.attempt_id = qa.id AND a.id = (SELECT max(b.id) FROM quiz_answers b WHERE b.attempt_id = qa.id AND b.question_id = a.question_id)
JOIN json_each(CASE json_extract(a.response, '$.type')
    WHEN 'single' THEN json_array(json_extract(a.response, '$.optionId'))
    WHEN 'truefalse' THEN json_array(CASE WHEN json_extract(a.response, '$.value') THEN 'true' ELSE 'false' END)
    WHEN 'multiple' THEN json_extract(a.response, '$.optionIds')
    WHEN 'matching' THEN json_extract(a.response, '$.pairs')
    ELSE json_extract(a.response, '$.order') END) j
WHERE qa.status <> 'in-progress';
--> statement-breakpoint
UPDATE quiz_attempts SET language = coalesce((SELECT u.language FROM users u WHERE u.id = quiz_attempts.user_id), 'en');
--> statement-breakpoint
CREATE TRIGGER item_stats_attempt_finished AFTER UPDATE OF status ON quiz_attempts
WHEN old.status = 'in-progress' AND new.status <> 'in-progress' BEGIN
  INSERT INTO item_stats (course_id, module_id, question_id, language, attempts, learners, sum_x, sum_xx, sum_y, sum_yy, sum_xy)
  SELECT s.course_id, s.module_id, s.question_id, l.language, 1,
    NOT EXISTS (SELECT 1 FROM item_scores o WHERE o.user_id = s.user_id AND o.course_id = s.course_id AND o.module_id = s.module_id AND (l.language = '' OR o.language = s.language) AND o.question_id = s.question_id AND o.attempt_id <> s.attempt_id),
    s.x, s.x * s.x, r.t - s.x, (r.t - s.x) * (r.t - s.x), s.x * (r.t - s.x)
  FROM item_scores s, (SELECT total(x) AS t FROM item_scores WHERE attempt_id = new.id) r, (SELECT new.language AS language UNION ALL SELECT '') l
  WHERE s.attempt_id = new.id
  ON CONFLICT DO UPDATE SET attempts = attempts + excluded.attempts, learners = learners + excluded.learners, sum_x = sum_x + excluded.sum_x, sum_xx = sum_xx + excluded.sum_xx,
    sum_y = sum_y + excluded.sum_y, sum_yy = sum_yy + excluded.sum_yy, sum_xy = sum_xy + excluded.sum_xy;
  INSERT INTO item_responses (course_id, module_id, question_id, language, part, n)
  SELECT course_id, module_id, question_id, language, part, count(*) FROM item_response_parts WHERE attempt_id = new.id GROUP BY question_id, part
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
  INSERT INTO quiz_stats (course_id, module_id, language, attempts, learners, sum_k, sum_t, sum_tt)
  SELECT new.course_id, new.module_id, l.language, 1,
    NOT EXISTS (SELECT 1 FROM quiz_attempts o WHERE o.user_id = new.user_id AND o.course_id = new.course_id AND o.module_id = new.module_id AND (l.language = '' OR o.language = new.language) AND o.status <> 'in-progress' AND o.id <> new.id),
    count(*), total(x), total(x) * total(x)
  FROM item_scores s, (SELECT new.language AS language UNION ALL SELECT '') l WHERE s.attempt_id = new.id GROUP BY l.language
  ON CONFLICT DO UPDATE SET attempts = attempts + excluded.attempts, learners = learners + excluded.learners, sum_k = sum_k + excluded.sum_k, sum_t = sum_t + excluded.sum_t, sum_tt = sum_tt + excluded.sum_tt;
END;
--> statement-breakpoint
-- Before the delete, while the attempt's answers are still there (they go with it, by cascade).
CREATE TRIGGER item_stats_attempt_deleted BEFORE DELETE ON quiz_attempts
WHEN old.status <> 'in-progress' BEGIN
  INSERT INTO item_stats (course_id, module_id, question_id, language, attempts, learners, sum_x, sum_xx, sum_y, sum_yy, sum_xy)
  SELECT s.course_id, s.module_id, s.question_id, l.language, -1,
    -1 * NOT EXISTS (SELECT 1 FROM item_scores o WHERE o.user_id = s.user_id AND o.course_id = s.course_id AND o.module_id = s.module_id AND (l.language = '' OR o.language = s.language) AND o.question_id = s.question_id AND o.attempt_id <> s.attempt_id),
    -s.x, -s.x * s.x, -(r.t - s.x), -(r.t - s.x) * (r.t - s.x), -s.x * (r.t - s.x)
  FROM item_scores s, (SELECT total(x) AS t FROM item_scores WHERE attempt_id = old.id) r, (SELECT old.language AS language UNION ALL SELECT '') l
  WHERE s.attempt_id = old.id
  ON CONFLICT DO UPDATE SET attempts = attempts + excluded.attempts, learners = learners + excluded.learners, sum_x = sum_x + excluded.sum_x, sum_xx = sum_xx + excluded.sum_xx,
    sum_y = sum_y + excluded.sum_y, sum_yy = sum_yy + excluded.sum_yy, sum_xy = sum_xy + excluded.sum_xy;
  INSERT INTO item_responses (course_id, module_id, question_id, language, part, n)
  SELECT course_id, module_id, question_id, language, part, -count(*) FROM item_response_parts WHERE attempt_id = old.id GROUP BY question_id, part
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
  INSERT INTO quiz_stats (course_id, module_id, language, attempts, learners, sum_k, sum_t, sum_tt)
  SELECT old.course_id, old.module_id, l.language, -1,
    -1 * NOT EXISTS (SELECT 1 FROM quiz_attempts o WHERE o.user_id = old.user_id AND o.course_id = old.course_id AND o.module_id = old.module_id AND (l.language = '' OR o.language = old.language) AND o.status <> 'in-progress' AND o.id <> old.id),
    -count(*), -total(x), -total(x) * total(x)
  FROM item_scores s, (SELECT old.language AS language UNION ALL SELECT '') l WHERE s.attempt_id = old.id GROUP BY l.language
  ON CONFLICT DO UPDATE SET attempts = attempts + excluded.attempts, learners = learners + excluded.learners, sum_k = sum_k + excluded.sum_k, sum_t = sum_t + excluded.sum_t, sum_tt = sum_tt + excluded.sum_tt;
END;
