-- Deterministic data set of the runtime benchmark for the generated library (library.yaml):
-- 50 publishers, 200 series, 2,000 authors, 40 genres, 150 labels, 5,000 books (2 authors,
-- 2 genres and 3 labels each; 3 many_to_one of which 2 optional), 20,000 reviews (2 labels,
-- 1 genre each). Every value is a function of the row number; link rows go in ascending
-- (owner, target) order.

INSERT INTO publishers (name, country, created_at, updated_at)
SELECT 'Издательство ' || i, (ARRAY['RU', 'US', 'DE', 'FR'])[1 + i % 4],
       timestamptz '2024-01-01 00:00:00+00' + make_interval(secs => i),
       timestamptz '2024-01-01 00:00:00+00' + make_interval(secs => i)
FROM generate_series(1, 50) AS i ORDER BY i;

INSERT INTO series (name, created_at, updated_at)
SELECT 'Серия ' || i,
       timestamptz '2024-01-01 00:00:00+00' + make_interval(secs => i),
       timestamptz '2024-01-01 00:00:00+00' + make_interval(secs => i)
FROM generate_series(1, 200) AS i ORDER BY i;

INSERT INTO authors (name, bio, created_at, updated_at)
SELECT 'Автор ' || i, CASE WHEN i % 2 = 0 THEN 'Биография автора ' || i END,
       timestamptz '2024-01-01 00:00:00+00' + make_interval(secs => i),
       timestamptz '2024-01-01 00:00:00+00' + make_interval(secs => i)
FROM generate_series(1, 2000) AS i ORDER BY i;

INSERT INTO genres (name, created_at, updated_at)
SELECT 'Жанр ' || i,
       timestamptz '2024-01-01 00:00:00+00' + make_interval(secs => i),
       timestamptz '2024-01-01 00:00:00+00' + make_interval(secs => i)
FROM generate_series(1, 40) AS i ORDER BY i;

INSERT INTO labels (name, created_at, updated_at)
SELECT 'label-' || i,
       timestamptz '2024-01-01 00:00:00+00' + make_interval(secs => i),
       timestamptz '2024-01-01 00:00:00+00' + make_interval(secs => i)
FROM generate_series(1, 150) AS i ORDER BY i;

INSERT INTO books (
    id, title, isbn, price, pages, language, published_on, rating, publisher_id, series_id,
    editor_id, created_at, updated_at
)
SELECT md5('book-' || i)::uuid,
       'Книга ' || i || ': The Book of ' || i,
       'ISBN-' || lpad(i::text, 8, '0'),
       round((199 + (i * 7919) % 500000) / 100.0, 2),
       50 + (i * 37) % 900,
       (ARRAY['ru', 'en', 'de', 'fr'])[1 + i % 4],
       CASE WHEN i % 7 <> 0 THEN date '1990-01-01' + (i * 3) % 12000 END,
       CASE WHEN i % 5 <> 0 THEN 1 + (i % 41) * 0.1 END,
       1 + i % 50,
       CASE WHEN i % 4 <> 0 THEN 1 + i % 200 END,
       CASE WHEN i % 3 = 0 THEN 1 + (i * 17) % 2000 END,
       timestamptz '2025-01-01 00:00:00+00' + make_interval(secs => i * 60),
       timestamptz '2025-01-01 01:00:00+00' + make_interval(secs => i * 60)
FROM generate_series(1, 5000) AS i ORDER BY i;

INSERT INTO books_authors (book_id, author_id)
SELECT md5('book-' || i)::uuid, target
FROM generate_series(1, 5000) AS i,
     unnest(ARRAY[1 + (i * 11) % 2000, 1 + (i * 11 + 997) % 2000]) AS target
ORDER BY i, target;

INSERT INTO books_genres (book_id, genre_id)
SELECT md5('book-' || i)::uuid, target
FROM generate_series(1, 5000) AS i,
     unnest(ARRAY[1 + (i * 3) % 40, 1 + (i * 3 + 17) % 40]) AS target
ORDER BY i, target;

INSERT INTO books_labels (book_id, label_id)
SELECT md5('book-' || i)::uuid, target
FROM generate_series(1, 5000) AS i,
     unnest(ARRAY[1 + (i * 5) % 150, 1 + (i * 5 + 47) % 150, 1 + (i * 5 + 101) % 150]) AS target
ORDER BY i, target;

INSERT INTO reviews (score, body, book_id, reviewer_id, created_at, updated_at)
SELECT 1 + i % 5,
       'Рецензия ' || i || '. ' || repeat('Хорошая книга, советую. ', 1 + i % 6),
       md5('book-' || (1 + i % 5000))::uuid,
       1 + (i * 7) % 2000,
       timestamptz '2025-02-01 00:00:00+00' + make_interval(secs => i * 30),
       timestamptz '2025-02-01 00:00:00+00' + make_interval(secs => i * 30)
FROM generate_series(1, 20000) AS i ORDER BY i;

INSERT INTO reviews_labels (review_id, label_id)
SELECT i, target
FROM generate_series(1, 20000) AS i,
     unnest(ARRAY[1 + (i * 13) % 150, 1 + (i * 13 + 71) % 150]) AS target
ORDER BY i, target;

INSERT INTO reviews_genres (review_id, genre_id)
SELECT i, 1 + i % 40 FROM generate_series(1, 20000) AS i ORDER BY i;

ANALYZE;
