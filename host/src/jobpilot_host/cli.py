"""``jobpilot host``: install, remove, check and run the native-messaging host.

Reached through the core CLI's lazy command table (``jobpilot host ...``); nothing here is
imported until the command runs.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from jobpilot_host.install import BROWSERS

_browser = click.option(
    "--browser", type=click.Choice(BROWSERS), default="chromium", show_default=True, help="Which browser."
)
_user_data_dir = click.option(
    "--user-data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="A Chromium profile started with --user-data-dir: install into its NativeMessagingHosts.",
)
_extension_id = click.option(
    "--extension-id", help="Extension ID to allow (default: the published JobPilot extension's)."
)


@click.group()
def host() -> None:
    """The native-messaging host that lets the browser extension use JobPilot."""


@host.command()
@_browser
@_extension_id
@_user_data_dir
def install(browser: str, extension_id: str | None, user_data_dir: Path | None) -> None:
    """Write the host manifest (and its launcher) for BROWSER, for the current user."""
    from jobpilot_host.install import install as do_install
    from jobpilot_host.install import launcher_path

    target = do_install(browser, extension_id=extension_id, user_data_dir=user_data_dir)
    click.echo(f"installed {target}")
    click.echo(f"launcher  {launcher_path()}")
    click.echo("restart the extension (or the browser) to connect; check with: jobpilot host doctor")


@host.command()
@_browser
@_user_data_dir
def uninstall(browser: str, user_data_dir: Path | None) -> None:
    """Remove the host manifest for BROWSER, and the launcher once no browser uses it."""
    from jobpilot_host.install import launcher_path, manifest_path
    from jobpilot_host.install import uninstall as do_uninstall

    launcher = launcher_path()
    had_launcher = launcher.exists()
    removed = do_uninstall(browser, user_data_dir=user_data_dir)
    if removed is None:
        click.echo(f"nothing to remove: {manifest_path(browser, user_data_dir=user_data_dir)} does not exist")
    else:
        click.echo(f"removed {removed}")
    if had_launcher and not launcher.exists():
        click.echo(f"removed {launcher}")
    elif launcher.exists():
        click.echo(f"kept      {launcher} (another installed manifest uses it, or install did not write it)")


@host.command()
@_browser
@_extension_id
@_user_data_dir
@click.option("--profile", default=None, help="Profile the extension will use (default: 'default').")
@click.option("--no-handshake", is_flag=True, help="Do not start the host to exchange hello.")
@click.option("--json", "as_json", is_flag=True, help="Print the checks as JSON.")
def doctor(
    browser: str,
    extension_id: str | None,
    user_data_dir: Path | None,
    profile: str | None,
    no_handshake: bool,
    as_json: bool,
) -> None:
    """Say what is missing for BROWSER to reach the host (manifest, launcher, extension id,
    profile), starting the host once to exchange hello."""
    from jobpilot_host.install import doctor as run_doctor

    checks = run_doctor(
        browser,
        extension_id=extension_id,
        user_data_dir=user_data_dir,
        profile=profile,
        handshake=not no_handshake,
    )
    if as_json:
        click.echo(json.dumps([c.__dict__ for c in checks], indent=2))
    else:
        for c in checks:
            mark = click.style("ok  ", fg="green") if c.ok else click.style("FAIL", fg="red")
            click.echo(f"{mark} {c.name}: {c.detail}")
            if not c.ok and c.fix:
                click.echo(f"     fix: {c.fix}")
    if not all(c.ok for c in checks):
        raise SystemExit(1)


@host.command()
def run() -> None:
    """Serve native messaging on stdin/stdout (what the browser starts)."""
    from jobpilot_host.server import main

    raise SystemExit(main([]))


@host.command()
def schema() -> None:
    """Print the JSON Schemas of the protocol's messages."""
    from jobpilot_host.schemas import all_schemas

    click.echo(json.dumps(all_schemas(), indent=2))
