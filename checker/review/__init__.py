"""Stage 7, review in Word: an annotated copy of a report with review comments (批注) on
its evidence, title and parts (`annotate`), and 反馈意见 letters per submitting body with a
汇总 for the batch (`letter`, `summary`). The wording comes from a template file
(rules/feedback/zh.yaml, `template`); python-docx writes the documents."""
