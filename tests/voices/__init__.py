"""Residents' voices and staff letters."""
