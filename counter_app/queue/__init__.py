"""Queue tickets, window calls, waiting estimates and the print job store (issue 6)."""
