"""Serial device drivers (ESC/POS ticket printers, counter displays) and fake devices.

Imports nothing of counter-app: the core defines small Protocol ports that these satisfy.
"""
