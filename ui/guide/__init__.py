"""The procedure guide (手続きナビ) as the window clerk works it: life event → questions →
the procedures grouped by department, with their reasons."""
