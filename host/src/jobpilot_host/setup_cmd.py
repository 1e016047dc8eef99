"""``jobpilot setup`` and ``jobpilot extension build`` (reached through the core CLI's lazy
command table; nothing here is imported until the command runs)."""

from __future__ import annotations

from pathlib import Path

import click

from jobpilot_host.install import BROWSERS


@click.command()
@click.option(
    "--browser",
    type=click.Choice(BROWSERS),
    default=None,
    help="Only this browser (default: every one found).",
)
@click.option(
    "--user-data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="A Chromium profile started with --user-data-dir: the host goes into its NativeMessagingHosts.",
)
def setup(browser: str | None, user_data_dir: Path | None) -> None:
    """Set JobPilot up for your browser: the native host, the extension, and what to click next."""
    from jobpilot_host.install import launcher_path
    from jobpilot_host.setup import setup as do_setup

    result = do_setup(browser=browser, user_data_dir=user_data_dir)
    for b, manifest in result.manifests.items():
        click.echo(f"host for {b:<9} {manifest}")
    click.echo(f"launcher          {launcher_path()}")
    click.echo(f"extension         {result.extension['chromium']}  (Chromium, Chrome, Edge, Brave)")
    click.echo(f"                  {result.extension['firefox.zip']}  (Firefox)")
    click.echo("\nNext:")
    for i, step in enumerate(result.next_steps, start=1):
        click.echo(f"  {i}. {step}")


@click.group()
def extension() -> None:
    """The browser extension: build the store-ready zips."""


@extension.command("build")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder for the zips.",
)
def build(out: Path) -> None:
    """Write jobpilot-VERSION-chromium.zip and jobpilot-VERSION-firefox.zip (icons included)."""
    from jobpilot_host.setup import build_zips

    for z in build_zips(out):
        click.echo(f"wrote {z}")
