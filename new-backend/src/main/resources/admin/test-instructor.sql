-- The instructor every recorded scenario starts with (recordings/FORMAT.md "seed"), as the legacy's
-- create_test_instructor.py makes it: id 1, instructor@example.com / password123, テスト講師, role instructor,
-- offline, active, no history row. The hash was written by passlib 1.7.4 (bcrypt, cost 12).
-- Idempotent: does nothing when the e-mail exists; moves the id sequence past the rows present.
INSERT INTO instructors (id, email, password_hash, name, role, is_active, status)
SELECT 1, 'instructor@example.com', '$2b$12$y6ZDsz5u2nwO4O6Rtyso8eHeB45d1RVHPHCHoszwrQuMdOuUxMo5u', 'テスト講師',
       'instructor', true, 'OFFLINE'
 WHERE NOT EXISTS (SELECT 1 FROM instructors WHERE email = 'instructor@example.com' OR id = 1);
SELECT setval('instructors_id_seq', (SELECT coalesce(max(id), 1) FROM instructors));
