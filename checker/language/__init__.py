"""The reading conventions in rules/language.yaml (the parts of a report, cue words,
patterns, thresholds), validated against rules/language.schema.json and compiled once.

Every stage that reads text uses them — the PDF reader (heading numbering), understanding
a report, matching, the stance of a sentence — so this package comes before all stages.
"""
