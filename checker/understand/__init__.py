"""Stage 3: understand a report before matching: noise, title, kind, period, headings
and the role of each part."""
