"""Finding residents: normalised search keys, Japanese-era dates, and the search service."""
