"""``jobpilot plugins``: what is installed, loaded, failed, and why; and getting more.

``list`` shows every plugin; ``search``/``install``/``upgrade`` use the plugin registry
configured once with ``jobpilot plugins registry URL`` (``[registry] url`` in
``config.toml``); ``install -e PATH`` installs a plugin's source folder for development;
``uninstall`` removes a plugin's distribution; ``enable``/``disable`` edit
``[plugins] disabled``; ``new`` scaffolds an adapter package from the bundled template.
The supply-chain guards (one index, wheels only, JobPilot itself pinned, one project per
plugin name) live in ``registry_client``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from jobpilot.cli.common import echo_json, progress


@click.group()
def plugins() -> None:
    """List and manage plugins."""


@plugins.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def list_(as_json: bool) -> None:
    """Every plugin found, with version, hooks, URL patterns and status."""
    from jobpilot.config import load_settings
    from jobpilot.plugins import load

    pm = load(disabled=load_settings().disabled_plugins)
    infos = sorted(pm.infos.values(), key=lambda i: i.name)
    if as_json:
        echo_json([i.as_dict() for i in infos])
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="JobPilot plugins")
    for col in ("name", "version", "ats", "hooks", "url patterns", "status"):
        table.add_column(col)
    for i in infos:
        status = i.status if i.status != "failed" else f"[red]failed: {i.error}[/red]"
        table.add_row(
            i.name,
            i.version or "-",
            i.ats or "-",
            ", ".join(i.hooks or i.declared_hooks),
            "\n".join(i.url_patterns),
            status,
        )
    Console().print(table)


_registry_option = click.option(
    "--registry", "registry_url", metavar="URL", help="Registry to use instead of the configured one."
)


@plugins.command("registry")
@click.argument("url", required=False)
@click.option(
    "--extra-index-url",
    "extra",
    multiple=True,
    metavar="URL",
    help="An index for plugins' third-party dependencies (repeatable; replaces the list).",
)
@click.option("--no-check", is_flag=True, help="Save the URL without checking the registry answers.")
def registry_(url: str | None, extra: tuple[str, ...], no_check: bool) -> None:
    """Show the plugin registry, or set it (once, in config.toml)."""
    from jobpilot import registry_client as rc
    from jobpilot.config import edit_config, load_settings

    if url is None and not extra:
        settings = load_settings()
        click.echo(settings.registry_url or "no registry configured: jobpilot plugins registry URL")
        for e in settings.extra_index_urls:
            click.echo(f"  dependencies also from {e}")
        return
    root = rc.root_url(url) if url else None
    if root and not no_check:
        found = rc.search(root)
        progress(f"{root} answers: {len(found)} plugin{'s' if len(found) != 1 else ''}")

    def change(doc: Any) -> None:
        import tomlkit

        table = doc.setdefault("registry", tomlkit.table())
        if root:
            table["url"] = root + "/"
        if extra:
            table["extra_index_urls"] = list(extra)

    path = edit_config(change)
    progress(f"saved in {path}")


@plugins.command()
@click.argument("query", required=False, default="")
@click.option("--ats", default="", help="Only plugins for this ATS (e.g. lever).")
@click.option("--hook", default="", help="Only plugins implementing this hook (e.g. map_fields).")
@click.option("--url", "page_url", default="", help="Only plugins whose URL patterns cover this page.")
@_registry_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def search(query: str, ats: str, hook: str, page_url: str, registry_url: str | None, as_json: bool) -> None:
    """Find plugins in the registry by words, ATS, hook or page URL."""
    from jobpilot import registry_client as rc

    found = rc.search(rc.configured_url(registry_url), query, ats=ats, hook=hook, page_url=page_url)
    if as_json:
        echo_json(found)
        return
    if not found:
        click.echo("no plugin matches", err=True)
        return
    from rich.console import Console
    from rich.table import Table

    installed = set(rc.installed_plugins())
    table = Table(title="Plugins in the registry")
    for col in ("name", "project", "version", "ats", "hooks", "description", ""):
        table.add_column(col, overflow="fold")
    for p in found:
        table.add_row(
            p["name"],
            p["project"],
            p["version"],
            p["ats"] or "-",
            ", ".join(p["hooks"]),
            p["description"][:80],
            "installed" if p["name"] in installed else "",
        )
    Console().print(table)


def _report_loaded(projects: list[str]) -> None:
    """After pip: the plugins of the installed projects, as the plugin manager loads them.

    Asked of a fresh interpreter: this one read its ``.pth`` files at start, so it would not
    see what an editable install just added to the path."""
    import json
    import subprocess
    import sys

    from jobpilot import registry_client as rc

    wanted = {rc._normalize(rc._split_spec(p)[0]) for p in projects}
    res = subprocess.run(
        [sys.executable, "-m", "jobpilot.cli.main", "plugins", "list", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    try:
        infos = json.loads(res.stdout)
    except ValueError:
        click.echo(f"could not list the plugins after installing: {res.stderr.strip()[-500:]}", err=True)
        return
    for info in infos:
        if info.get("distribution") and rc._normalize(info["distribution"]) in wanted:
            state = info["status"] if info["status"] != "failed" else f"failed: {info.get('error')}"
            click.echo(f"{info['name']} {info['version']} ({info['distribution']}): {state}", err=True)


def _install(names: tuple[str, ...], registry_url: str | None, *, upgrade: bool, dry_run: bool) -> None:
    from jobpilot import registry_client as rc
    from jobpilot.config import load_settings
    from jobpilot.errors import PluginError

    url = rc.configured_url(registry_url)
    projects = rc.resolve(url, list(names))
    rc.check_plugin_names(rc.plugins_in_catalog(url, projects))
    run = rc.install(
        url, projects, upgrade=upgrade, extra_index_urls=load_settings().extra_index_urls, dry_run=dry_run
    )
    progress(" ".join(run.command))
    if dry_run:
        return
    if run.returncode != 0:
        raise PluginError(
            f"pip could not install {', '.join(projects)} (exit {run.returncode}); its output above says why",
            hint="wheels only are installed (no sdist is built here) and JobPilot itself stays at the "
            "installed version; a dependency missing from the registry can come from an index set "
            "with jobpilot plugins registry --extra-index-url URL",
        )
    _report_loaded(projects)


def _install_editable(path: str, *, dry_run: bool) -> None:
    from jobpilot import registry_client as rc
    from jobpilot.errors import PluginError

    source = rc.read_source_plugin(path)
    rc.check_plugin_names(dict.fromkeys(source.plugin_names, source.distribution))
    run = rc.install_editable(source.path, dry_run=dry_run)
    progress(" ".join(run.command))
    if dry_run:
        return
    if run.returncode != 0:
        raise PluginError(
            f"pip could not install {source.path} (exit {run.returncode}); its output above says why"
        )
    _report_loaded([source.distribution])


@plugins.command()
@click.argument("names", nargs=-1)
@click.option(
    "-e",
    "--editable",
    metavar="PATH",
    help="Install a plugin's source folder in development mode (edits take effect at once).",
)
@_registry_option
@click.option("--dry-run", is_flag=True, help="Print the pip command without running it.")
def install(names: tuple[str, ...], editable: str | None, registry_url: str | None, dry_run: bool) -> None:
    """Install plugins (by plugin or project name) from the registry into this environment.

    Wheels only, from the registry only; JobPilot's own distributions stay at the installed
    versions. A name that could mean two projects, or a plugin named like an installed plugin
    of another distribution, is refused. With -e PATH: a plugin's source folder instead.
    """
    from jobpilot.errors import UsageError

    if editable:
        if names:
            raise UsageError("give either plugin names or -e PATH, not both")
        _install_editable(editable, dry_run=dry_run)
        return
    if not names:
        raise UsageError(
            "name the plugins to install",
            hint="jobpilot plugins install NAME..., or -e PATH for a source folder",
        )
    _install(names, registry_url, upgrade=False, dry_run=dry_run)


@plugins.command()
@click.argument("names", nargs=-1)
@_registry_option
@click.option("--dry-run", is_flag=True, help="Print the pip command without running it.")
def upgrade(names: tuple[str, ...], registry_url: str | None, dry_run: bool) -> None:
    """Upgrade plugins from the registry (all installed plugins the registry has, if none named)."""
    from jobpilot import registry_client as rc

    if not names:
        url = rc.configured_url(registry_url)
        known = {rc._normalize(p["project"]) for p in rc.search(url)}
        names = tuple(sorted({d for d in rc.installed_plugins().values() if rc._normalize(d) in known}))
        if not names:
            click.echo("no installed plugin comes from this registry", err=True)
            return
    _install(names, registry_url, upgrade=True, dry_run=dry_run)


@plugins.command()
@click.argument("names", nargs=-1, required=True)
@click.option("--dry-run", is_flag=True, help="Print the pip command without running it.")
def uninstall(names: tuple[str, ...], dry_run: bool) -> None:
    """Remove plugins (by plugin or distribution name) from this environment."""
    from jobpilot import registry_client as rc
    from jobpilot.errors import PluginError

    dists = rc.distributions_for(list(names))
    run = rc.uninstall(dists, dry_run=dry_run)
    progress(" ".join(run.command))
    if run.returncode != 0:
        raise PluginError(f"pip could not uninstall {', '.join(dists)} (exit {run.returncode})")


def _known_plugin_names() -> set[str]:
    from jobpilot.plugins import load

    return set(load(builtins=True).infos)


def _set_disabled(name: str, disabled: bool) -> None:
    from jobpilot.config import edit_config, load_settings
    from jobpilot.errors import UsageError

    current = load_settings().disabled_plugins
    if name not in _known_plugin_names() and not (not disabled and name in current):
        raise UsageError(f"no plugin named {name!r}", hint="see the names with: jobpilot plugins list")

    def change(doc: Any) -> None:
        import tomlkit

        table = doc.setdefault("plugins", tomlkit.table())
        names = [str(n) for n in table.get("disabled", [])]
        if disabled and name not in names:
            names.append(name)
        if not disabled:
            names = [n for n in names if n != name]
        table["disabled"] = names

    edit_config(change)
    progress(f"{name} {'disabled' if disabled else 'enabled'}")


@plugins.command()
@click.argument("name")
def enable(name: str) -> None:
    """Enable a disabled plugin (removes it from [plugins] disabled)."""
    _set_disabled(name, False)


@plugins.command()
@click.argument("name")
def disable(name: str) -> None:
    """Disable a plugin without uninstalling it ([plugins] disabled in config.toml)."""
    _set_disabled(name, True)


@plugins.command()
@click.argument("name")
@click.option(
    "--dir",
    "parent",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Where to create the jobpilot-ats-NAME folder.",
)
@click.option("--host", help="The ATS's host name, e.g. jobs.acme-ats.com [default: jobs.NAME.com].")
@click.option("--title", help="Human name of the ATS [default: from NAME].")
@click.option(
    "--author", help="Name for the LICENSE and pyproject.toml [default: The jobpilot-ats-NAME authors]."
)
@click.option(
    "--vendor-domain",
    help="The ATS vendor's own domain, whose sites are never application pages [default: from --host].",
)
def new(
    name: str,
    parent: Path,
    host: str | None,
    title: str | None,
    author: str | None,
    vendor_domain: str | None,
) -> None:
    """Scaffold a new ATS adapter package (jobpilot-ats-NAME) from the bundled template:
    the package, its tests (unit tests and a labelled sample page in real Chromium), README,
    LICENSE, .gitignore and a CI workflow. Walk-through: docs/plugin-guide.md."""
    from jobpilot.scaffold import create

    target = create(name, parent=parent, host=host, title=title, author=author, vendor_domain=vendor_domain)
    click.echo(str(target))
    progress(
        f"next: jobpilot plugins install -e {target} && python -m pytest {target}/tests "
        "&& jobpilot plugins list (see docs/plugin-guide.md)"
    )
