"""The HTTP API (FastAPI): search, trends, subscriptions, alert history and live alerts."""
