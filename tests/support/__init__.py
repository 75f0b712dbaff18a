"""Helpers the tests share: certificates, local servers standing in for receivers."""
