-- Ferrum study database, schema version 2 (issue 14): a weight must be a finite number. H2 and PostgreSQL both order
-- NaN above every number, so CHECK (weight_kg > 0) let NaN and Infinity through; "<= 1.7976931348623157E308" (the
-- largest double) refuses both. A NaN or infinite weight stored before this version says nothing about the subject's
-- weight: it becomes NULL ("not recorded") so that the new constraint can hold.

UPDATE subjects SET weight_kg = NULL WHERE NOT (weight_kg <= 1.7976931348623157E308);
UPDATE visits SET weight_kg = NULL WHERE NOT (weight_kg <= 1.7976931348623157E308);

ALTER TABLE subjects DROP CONSTRAINT ck_subjects_weight_kg;
ALTER TABLE subjects ADD CONSTRAINT ck_subjects_weight_kg CHECK (weight_kg > 0 AND weight_kg <= 1.7976931348623157E308);

ALTER TABLE visits DROP CONSTRAINT ck_visits_weight_kg;
ALTER TABLE visits ADD CONSTRAINT ck_visits_weight_kg CHECK (weight_kg > 0 AND weight_kg <= 1.7976931348623157E308);
