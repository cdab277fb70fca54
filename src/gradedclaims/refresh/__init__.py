"""The online refresh of references.bib (`make refresh-refs`): Crossref and PubMed look-ups,
a comparison with each entry, a Markdown report and, on request, the status fields written back.

Modules: settings (schema/refresh.yml), transport (polite HTTP with cache, rate limit and retries),
crossref and pubmed (the two clients), compare (entry against record), report (Markdown),
run (the whole refresh, for the script and the tests)."""
