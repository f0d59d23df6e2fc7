"""hardmax: pure-attention hardmax transformers (Alcalde, Fantuzzi and Zuazua), from Python.

Every computation runs in the C++ library that the ``hardmax`` command line uses; this package only
converts arguments and presents results (docs/PYTHON.md). Claims are numbered as in THEORY.md.
"""
import json as _json
from fractions import Fraction as _Fraction

from . import _hardmax
from ._hardmax import (Configuration, Trajectory, ResourceLimitError, NumericalFailure, simulate, batched,
                       __version__, source_revision)

__all__ = ["Configuration", "Trajectory", "ResourceLimitError", "NumericalFailure", "simulate", "check", "limit",
           "compare", "batched", "CheckReport", "Claim", "Limit", "__version__", "source_revision"]


class Claim:
    """One row of a check report: a claim L1-L6 with its verdict, evidence and witness."""

    def __init__(self, row):
        self.claim = row["claim"]
        self.statement = row["statement"]
        self.verdict = row["verdict"]
        self.summary = row["summary"]
        self.witness = row["witness"]
        self.evidence = row["evidence"]

    @property
    def holds(self):
        return self.verdict == "holds"

    def __repr__(self):
        return f"<{self.claim}: {self.verdict}>"


class CheckReport:
    """`hardmax check` on one configuration: the same document as ``hardmax check --json``."""

    def __init__(self, document):
        self.document = document
        self.claims = [Claim(row) for row in document["claims"]]
        self.all_hold = document["all_hold"]

    def __getitem__(self, claim):
        for row in self.claims:
            if row.claim == claim:
                return row
        raise KeyError(claim)

    def __iter__(self):
        return iter(self.claims)

    def to_json(self):
        return _json.dumps(self.document, indent=1)

    def __repr__(self):
        return "<CheckReport " + ", ".join(f"{c.claim} {c.verdict}" for c in self.claims) + ">"


def _fractions(rows):
    return [[_Fraction(x) for x in row] for row in rows]


class Limit:
    """`hardmax limit`: K*, the certificate that held, the exact limit and its clusters (L6, L5).

    ``document`` is the whole report (docs/FORMAT.md, "Limit reports"); ``k_star`` (the document's "K") is None and
    ``certified`` False when no certificate held within the budget.
    """

    def __init__(self, document):
        self.document = document
        self.certified = document["certified"]
        self.k_star = document.get("K")
        self.limit = _fractions(document["limit"]) if self.certified and "limit" in document else None
        # Each cluster as the report gives it (members, leader, faces, weights), its point as Fractions.
        self.clusters = [dict(c, point=[_Fraction(x) for x in c["point"]]) for c in document.get("clusters", [])]

    def to_json(self):
        return _json.dumps(self.document, indent=1)

    def __repr__(self):
        return f"<Limit certified={self.certified} K*={self.k_star}>"


def check(config, engine="exact", layers=None, max_layers=200, max_bits=10_000_000, max_memory=4096,
          max_lookahead=1000):
    """Check every claim L1-L6 on the trajectory of ``engine`` (as ``hardmax check``)."""
    return CheckReport(_json.loads(_hardmax._check(config, engine, layers, max_layers, max_bits, max_memory,
                                                   max_lookahead)))


def limit(config, max_layers=200, max_bits=10_000_000, max_memory=4096, max_lookahead=1000):
    """K* and the exact limit (as ``hardmax limit``); always exact."""
    return Limit(_json.loads(_hardmax._limit(config, max_layers, max_bits, max_memory, max_lookahead)))


DEFAULT_ENGINES = ("double", "mpfr:24", "mpfr:53", "mpfr:113", "certified", "exact")


def compare(configs, engines=DEFAULT_ENGINES, layers=None, out=None, plots=True):
    """Every engine against the exact trajectory (as ``hardmax compare``): one row per configuration
    and engine. With ``out``, also writes the report (report.md, report.html, CSV files, plots) there."""
    if isinstance(configs, Configuration):
        configs = [configs]
    return _json.loads(_hardmax._compare(list(configs), list(engines), layers, out or "", plots))

