"""`make bench-web`: pages and API lists against a trivial view on gunicorn (DEBUG off).

Seeded data lives in a separate database `<name>_webbench` on the same server, cached between
runs; the trivial view exists only in this package's URLconf, which only the bench serves."""
