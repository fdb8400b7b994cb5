"""Readers of the bytes our drivers send: what a printer or a counter display would show.

`printer.EscPosDecoder` turns an ESC/POS stream back into text lines, barcodes, QR codes,
raster images, cuts and status queries; `display.DisplayDecoder` keeps the two lines of a
DM-D or CD5220 counter display. They read by the command bytes named in `devices.escpos`,
`devices.status` and `devices.displays`, and flag what they do not know as `Unknown`.
The fake devices in `devices.fakes` serve them on a pty or a socket.
"""
