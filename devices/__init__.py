"""The counter's serial devices: ESC/POS ticket printers, counter displays, and fakes of both.

- `escpos`: the ESC/POS commands as pure bytes, text in strict Shift_JIS, and the columns
  a line takes on paper; `ascii`: the control characters the commands are built from.
- `raster`: a line the printer's ROM cannot print, drawn as a GS v 0 image.
- `writer`, `ticket`, `receipt`, `fee_receipt`: the queue ticket, the visit receipt and
  the certificate desk's 領収書 as bytes.
- `status`: DLE EOT replies read into a PrinterStatus and a stable PrinterProblem code.
- `transport`: a device opened by pyserial URL; `printer`: TicketPrinter, which asks the
  status and sends a job; `displays`: the DM-D and CD5220 command sets and CounterDisplay.
- `decoders`: the bytes read back as a printer or a display would show them; `fakes`: a
  fake printer and display serving them on a pty or a local socket; `simulate`: the loop
  behind `counter-app simulate printer|display`.
- `payment`: the cashless payment terminal's client over TCP, in a JSON-lines protocol
  of our own (no vendor's); `payment_fake`: a fake terminal serving it.

Imports nothing of counter-app, only the standard library, pyserial and Pillow.
"""
