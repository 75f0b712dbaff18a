"""Ingest agents: publish raw mentions to ``mentions.raw`` with kafka-python."""
