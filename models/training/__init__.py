"""Offline training of the models shipped in ``models/data`` (needs the ``train`` extra)."""
