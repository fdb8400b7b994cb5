"""The ASCII control characters the printer and display command sets are built from."""

EOT = b"\x04"  # end of transmission: DLE EOT asks a printer for its status
LF = b"\x0a"  # line feed
FF = b"\x0c"  # form feed: clears a counter display
CR = b"\x0d"  # carriage return
DLE = b"\x10"  # data link escape
CAN = b"\x18"  # cancel: clears a counter display's cursor line
ESC = b"\x1b"
FS = b"\x1c"
GS = b"\x1d"
US = b"\x1f"  # unit separator: starts the DM-D display commands
