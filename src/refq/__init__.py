"""refq: news articles about one event -> typed, evidence-linked records you can query."""

__version__ = "0.1.0"
