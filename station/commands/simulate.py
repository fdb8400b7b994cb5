"""`counter-app simulate printer|display|payment`: a fake device for demos, training and
tests.

    counter-app simulate printer --listen socket://127.0.0.1:9100
    counter-app simulate display --listen pty --protocol cd5220
    counter-app simulate payment --listen tcp://127.0.0.1:7000

Registered by the launcher (it imports `devices`, which the core may not). Needs no
database and no configuration. What arrives is printed as readable lines; on stdin,
`paper_end`, `near_end`, `cover_open`, `error`, `offline` and `normal` switch the
printer's state, `approve`, `decline`, `silent` and `garbled` the payment terminal's,
`quit` ends (so does Ctrl+C).
"""

from __future__ import annotations

import argparse

from counter_app.cli.terminal import echo
from devices.simulate import parse_listen, run_simulator


def register(subparsers, common) -> None:
    simulate = subparsers.add_parser(
        "simulate",
        parents=[common],
        help="番号札プリンター・窓口表示器・決済端末の模擬装置 / "
        "a fake ticket printer, counter display or payment terminal",
    )
    simulate.add_argument(
        "kind", choices=("printer", "display", "payment"), help="printer | display | payment"
    )
    simulate.add_argument(
        "--listen",
        metavar="URL",
        required=True,
        help="socket://127.0.0.1:PORT か pty（決済端末は tcp://127.0.0.1:PORT） / "
        "socket://127.0.0.1:PORT or pty (prints the path); tcp://… for payment",
    )
    simulate.add_argument(
        "--protocol",
        choices=("dmd", "cd5220"),
        default="dmd",
        help="表示器のコマンド体系 / the display's command set (default dmd)",
    )
    simulate.set_defaults(handler=run_simulate)


def run_simulate(args: argparse.Namespace) -> int:
    try:
        parse_listen(args.listen, args.kind)
    except ValueError as error:
        echo(f"counter-app simulate: {error}", error=True)
        return 2

    def out(line: str) -> None:
        echo(line, flush=True)

    try:
        return run_simulator(args.kind, args.listen, protocol=args.protocol, out=out)
    except OSError as error:  # the port is taken, the address is not ours …
        echo(f"counter-app simulate: {args.listen}: {error}", error=True)
        return 1
    except KeyboardInterrupt:
        return 0
