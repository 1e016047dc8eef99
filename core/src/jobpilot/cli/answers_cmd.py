"""``jobpilot answers``: the saved-answers bank; a corrected answer goes back into it."""

from __future__ import annotations

import click

from jobpilot.cli.common import database, echo_json, run


@click.group()
def answers() -> None:
    """List, add or correct, and remove saved answers; check a question's policy."""


@answers.command("check")
@click.argument("question")
@click.option("--options", "options", default="", help='The offered options, comma-separated: "Yes,No".')
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def check(question: str, options: str, as_json: bool) -> None:
    """Which policy QUESTION gets, its topic and why (exit 0 whatever the policy).

    profile: answered only from your profile or by you, never sent to an AI provider;
    facts: from your profile, saved answers or you (a provider may only draft it from a
    resume quote, for your review); open: a provider may write it, for your review."""
    from jobpilot.policy import decide

    offered = tuple(o.strip() for o in options.split(",") if o.strip())
    decision = decide(question, offered)
    if as_json:
        echo_json({"policy": decision.policy.value, "topic": decision.topic, "reason": decision.reason})
        return
    click.echo(f"policy: {decision.policy.value}\ntopic:  {decision.topic}\nreason: {decision.reason}")


def _name(profile_name: str | None) -> str:
    from jobpilot.config import load_settings

    return profile_name or load_settings().default_profile or "default"


@answers.command("list")
@click.option("--profile", "profile_name", default=None)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def list_(profile_name: str | None, as_json: bool) -> None:
    """The profile's saved answers."""
    from jobpilot.engine.content import is_sensitive_question
    from jobpilot.errors import UsageError

    name = _name(profile_name)

    async def go():  # type: ignore[no-untyped-def]
        async with database() as db:
            return await db.get_profile(name)

    prof = run(go())
    if prof is None:
        raise UsageError(f"no profile named {name!r}", hint="jobpilot profile import FILE --name NAME")
    items = prof.application.answers
    if as_json:
        echo_json([a.model_dump() for a in items])
        return
    for i, a in enumerate(items):
        lock = " [never sent to a provider]" if is_sensitive_question(a.question) else ""
        click.echo(f"{i:3}  {a.question}{lock}\n     -> {a.answer}")


@answers.command("add")
@click.argument("question")
@click.argument("answer")
@click.option("--profile", "profile_name", default=None)
def add(question: str, answer: str, profile_name: str | None) -> None:
    """Save ANSWER for QUESTION (a correction replaces the answer to the same question).

    Use it after checking what JobPilot filled: the next form asking the same thing, in
    any wording the offline bank recognises, gets your answer."""
    from jobpilot.engine.content import remember_answer

    name = _name(profile_name)

    async def go() -> str:
        async with database() as db:
            return await remember_answer(db, name, question=question, answer=answer)

    click.echo(run(go()))


@answers.command("remove")
@click.argument("question")
@click.option("--profile", "profile_name", default=None)
def remove(question: str, profile_name: str | None) -> None:
    """Forget the saved answer to QUESTION (same wording) or at index QUESTION."""
    from jobpilot.engine.text import norm
    from jobpilot.errors import UsageError

    name = _name(profile_name)

    async def go() -> bool:
        async with database() as db:
            prof = await db.get_profile(name)
            if prof is None:
                raise UsageError(
                    f"no profile named {name!r}", hint="jobpilot profile import FILE --name NAME"
                )
            items = prof.application.answers
            keep = [
                a
                for i, a in enumerate(items)
                if not (norm(a.question) == norm(question) or (question.isdigit() and int(question) == i))
            ]
            if len(keep) == len(items):
                return False
            prof.application.answers = keep
            await db.save_profile(name, prof)
            return True

    if not run(go()):
        raise UsageError(f"no saved answer for {question!r}", hint="see `jobpilot answers list`")
    click.echo("removed")
