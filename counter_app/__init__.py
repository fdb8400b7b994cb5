"""counter-app domain core: residents, users, audit, persistence and the admin CLI.

Nothing in this package imports Qt, reportlab or pyserial (checked by import-linter).
"""

__version__ = "0.1.0"
