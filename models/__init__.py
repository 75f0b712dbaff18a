"""Enrichment: small steps built by registered factories from config (see ``registry``)."""
