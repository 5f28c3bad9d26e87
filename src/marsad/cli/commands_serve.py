"""``marsad serve``: the HTTP API and the Arabic web app, in one process.

A thin shell over :func:`marsad.serve.app.create_app`: it opens the store, binds the socket
(127.0.0.1 unless told otherwise), prints the address and runs uvicorn until Ctrl-C.
The write token comes from the environment only (``MARSAD_API_TOKEN``), never from the
command line, where other users of the machine could read it.
"""

from __future__ import annotations

import ipaddress
import os
import socket

import typer

from marsad import search_service
from marsad.errors import ConfigError, StoreError

TOKEN_ENV = "MARSAD_API_TOKEN"
#: The Host names a server bound to a loopback address answers to.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def register(app: typer.Typer, evaluate: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    db: str | None = typer.Option(
        None,
        "--db",
        envvar="MARSAD_DB",
        help="The store (a SQLite file or a postgresql:// URL); default ./marsad.db.",
    ),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (0.0.0.0: all)."),
    port: int = typer.Option(8000, "--port", "-p", help="Port (0: any free port)."),
    max_body_mb: int = typer.Option(32, "--max-body-mb", help="Largest POST /api/ingest body."),
    workers: int = typer.Option(
        1, "--workers", "-w", help="Server processes (each with its own store connections)."
    ),
    access_log: bool = typer.Option(False, "--access-log", help="Log every request."),
    allow_host: list[str] = typer.Option(
        [],
        "--allow-host",
        help="A Host name to answer besides 127.0.0.1/localhost (a reverse proxy's name). "
        "Bound to a loopback address, the server answers no other names (DNS rebinding).",
    ),
) -> None:
    """Serve the web app (Arabic, right to left) and the JSON API (/api, docs at /docs).

    POST /api/ingest is enabled only when MARSAD_API_TOKEN is set; clients then send
    'Authorization: Bearer <token>'. The store is created when it does not exist.
    """
    import uvicorn

    from marsad.serve.app import create_app

    if not 0 <= port <= 65535 or max_body_mb < 1 or workers < 1:
        raise typer.BadParameter("--port must be 0-65535, --max-body-mb and --workers ≥ 1")
    path = search_service.store_path(db)
    token = os.environ.get(TOKEN_ENV) or None
    hosts = allowed_hosts(host, allow_host)
    try:
        application = create_app(
            path, token, max_body_bytes=max_body_mb * 1024 * 1024, allowed_hosts=hosts
        )
        with search_service.open_store(path) as store:
            articles = store.stats()["articles"]
    except (StoreError, ConfigError) as exc:
        typer.echo(f"marsad: error: {exc}", err=True)
        raise typer.Exit(1) from exc
    try:
        sock = socket.create_server((host, port), family=_family(host))
    except OSError as exc:
        typer.echo(f"marsad: error: cannot listen on {host}:{port}: {exc.strerror}", err=True)
        raise typer.Exit(1) from exc
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    writes = "enabled" if token else f"disabled (set {TOKEN_ENV} to enable)"
    typer.echo(f"marsad: serving {path} ({articles} articles)")
    typer.echo(f"marsad: open http://{shown}:{bound}/  (API docs: http://{shown}:{bound}/docs)")
    typer.echo(f"marsad: POST /api/ingest {writes}; Ctrl-C to stop")
    if workers == 1:
        config = uvicorn.Config(
            application, log_level="warning", access_log=access_log, server_header=False
        )
        uvicorn.Server(config).run(sockets=[sock])
        return
    _serve_workers(path, max_body_mb, workers, access_log, sock, hosts)


def allowed_hosts(bind: str, extra: list[str]) -> list[str] | None:
    """The Host names to answer: on a loopback address the loopback names (a page from
    elsewhere that rebinds its name to 127.0.0.1 is refused) and ``extra``; on another
    address only ``extra`` and that address when some are given, else any."""
    try:
        loopback = ipaddress.ip_address(bind).is_loopback
    except ValueError:
        loopback = bind == "localhost"
    if loopback:
        return [*LOOPBACK_HOSTS, *extra]
    return [bind, *extra] if extra else None


def _serve_workers(
    path: str,
    max_body_mb: int,
    workers: int,
    access_log: bool,
    sock: socket.socket,
    hosts: list[str] | None,
) -> None:
    """Several processes accepting on one socket: each imports the app factory and reads
    its options from the environment."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from marsad.serve.app import DB_ENV, HOSTS_ENV, MAX_BODY_ENV

    os.environ[DB_ENV] = path
    os.environ[MAX_BODY_ENV] = str(max_body_mb * 1024 * 1024)
    if hosts:
        os.environ[HOSTS_ENV] = ",".join(hosts)
    config = uvicorn.Config(
        "marsad.serve.app:app_from_environment",
        factory=True,
        workers=workers,
        log_level="warning",
        access_log=access_log,
        server_header=False,
    )
    Multiprocess(config, sockets=[sock]).run()


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET
