"""Secrets kept outside the database: the key file, and what is sealed or signed with it."""
