"""Checking a whole folder: workers that parse *and* check, per-report facts and summaries,
cross-year rules on pairs of one organ's reports, the result cache and the summary files.

The parent process never holds a :class:`~disclint.nodes.Report`: a worker returns the findings
of one file plus its :class:`~disclint.batch.facts.ReportFacts` (a few hundred bytes), and the
cross-year rules run on those facts.
"""
