"""Subcommands that join the core with printing or devices; the launcher registers them."""
