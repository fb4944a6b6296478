"""The residency Match: an instance format, a matching engine with couples and an independent stability checker.

``instance`` reads and checks an instance (JSON), ``engine`` matches it (applicant-proposing deferred acceptance
with couples, in the manner of Roth and Peranson 1999), ``stability`` finds the pairs that block a matching. All three
are pure (no Django); docs/match.md explains the algorithm in plain words.
"""
