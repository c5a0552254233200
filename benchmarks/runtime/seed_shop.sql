-- Deterministic data set of the runtime benchmark for the generated shop (issue 14):
-- 200 tags, 1,000 categories, 5,000 products (1 in 100 soft-deleted) with 3 tags each.
-- Every value is a function of the row number, so two runs serve byte-identical JSON.
-- Link rows go in ascending (product_id, tag_id) order.

INSERT INTO tags (label, created_at, updated_at)
SELECT 'tag-' || lpad(i::text, 3, '0'),
       timestamptz '2025-01-01 00:00:00+00' + make_interval(secs => i),
       timestamptz '2025-01-01 00:00:00+00' + make_interval(secs => i)
FROM generate_series(1, 200) AS i
ORDER BY i;

INSERT INTO categories (name, slug, description, created_at, updated_at)
SELECT 'Категория ' || lpad(i::text, 4, '0'),
       'category-' || i,
       CASE WHEN i % 3 = 0 THEN NULL ELSE 'Описание категории ' || i || ': товары для дома и сада' END,
       timestamptz '2025-01-01 00:00:00+00' + make_interval(secs => i * 60),
       timestamptz '2025-01-02 00:00:00+00' + make_interval(secs => i * 60)
FROM generate_series(1, 1000) AS i
ORDER BY i;

INSERT INTO products (
    id, sku, title, price, currency, stock, weight_kg, is_active, homepage, released_on,
    attributes, barcode_id, keywords, image, category_id, created_at, updated_at, deleted_at
)
SELECT md5('product-' || i)::uuid,
       'SKU-' || lpad(i::text, 5, '0'),
       'Товар ' || i || ' — Product ' || i,
       round((100 + (i * 7919) % 990000) / 100.0, 2),
       (ARRAY['RUB', 'USD', 'EUR'])[1 + i % 3],
       (i * 13) % 500,
       CASE WHEN i % 4 = 0 THEN NULL ELSE (i % 40) * 0.25 END,
       i % 10 <> 0,
       CASE WHEN i % 2 = 0 THEN 'https://shop.example/products/' || i END,
       CASE WHEN i % 3 <> 0 THEN date '2024-01-01' + i % 365 END,
       CASE WHEN i % 5 <> 0 THEN jsonb_build_object(
           'color', (ARRAY['red', 'green', 'blue'])[1 + i % 3],
           'size', i % 50,
           'dimensions', jsonb_build_array(i % 7, i % 11, i % 13)
       ) END,
       CASE WHEN i % 6 = 0 THEN md5('barcode-' || i)::uuid END,
       CASE WHEN i % 3 <> 0 THEN ARRAY['kw' || i % 17, 'kw' || i % 23, 'слово' || i % 5] END,
       CASE WHEN i % 8 = 0 THEN 'products/' || md5('product-' || i)::uuid || '/image/seed' END,
       CASE WHEN i % 20 <> 0 THEN 1 + i % 1000 END,
       timestamptz '2025-01-01 00:00:00+00' + make_interval(secs => i * 60),
       timestamptz '2025-01-01 01:00:00+00' + make_interval(secs => i * 60),
       CASE WHEN i % 100 = 0 THEN timestamptz '2025-06-01 00:00:00+00' END
FROM generate_series(1, 5000) AS i
ORDER BY i;

INSERT INTO products_tags (product_id, tag_id)
SELECT md5('product-' || i)::uuid, tag_id
FROM generate_series(1, 5000) AS i,
     unnest(ARRAY[1 + (i * 7) % 200, 1 + (i * 7 + 61) % 200, 1 + (i * 7 + 131) % 200]) AS tag_id
ORDER BY i, tag_id;

ANALYZE tags;
ANALYZE categories;
ANALYZE products;
ANALYZE products_tags;
