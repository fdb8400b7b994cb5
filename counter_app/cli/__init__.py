"""The administration command line: `counter-app db|users|demo-data|config …`.

The parser of every subcommand is in `.main`; this package imports nothing, so the
screens, which share `.common`'s options, start without loading the commands."""
