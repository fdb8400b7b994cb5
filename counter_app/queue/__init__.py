"""The queue (issue 6), one module per concern: `tickets` (the floor desk: issuing,
cancelling, reprinting, waiting estimates), `calls` (the windows' calls and the hall
board), `categories` (the categories file), `rows` (what they share). Printing a ticket
goes through the print outbox (counter_app.outbox)."""
