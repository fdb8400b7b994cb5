"""The composition layer: where the core, the printing, the devices and the resources
are joined into a working counter PC, without Qt.

- `launcher`: the `counter-app` entry point; subcommands never load Qt, and only a run
  without a subcommand hands over to the screens (`ui.application`).
- `commands/`: the subcommands that need more than the core (forms, devices, simulate,
  certificate).
- `tickets`, `receipts`, `fee_receipts`: what a ticket, a visit receipt and a 領収書 say
  on paper, and their bytes; `print_jobs`: the bytes of each kind of job in the print
  outbox; `payments`: this PC's payment terminal, bound to the core's port.
- `device_workers`: one worker per device URL for the life of the PC, with the core's
  device ports (counter_app.ports) bound to the drivers in `devices/`.

Everything here runs on a server without a display; `ui/` keeps only what needs Qt.
"""
