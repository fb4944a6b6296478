"""The medpath command."""

import json

import pytest
from typer.testing import CliRunner

from medpath import __version__
from medpath.accounts.models import User
from medpath.cli import app
from medpath.demo import DEMO_PASSWORD, DEMO_PEOPLE

runner = CliRunner()


def test_version() -> None:
    """--version prints the package version."""
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


@pytest.mark.django_db(transaction=True)
def test_demo_is_idempotent_and_prints_logins() -> None:
    """`medpath demo --json` creates the demo users once and lists their logins."""
    for _ in range(2):
        result = runner.invoke(app, ["demo", "--json"])
        assert result.exit_code == 0, result.output
    logins = json.loads(result.output)["demo_logins"]
    assert [row["email"] for row in logins] == [p.email for p in DEMO_PEOPLE]
    assert User.objects.filter(email__endswith="@demo.medpath.test").count() == len(DEMO_PEOPLE)
    assert User.objects.get(email=DEMO_PEOPLE[0].email).check_password(DEMO_PASSWORD)


@pytest.mark.django_db(transaction=True)
def test_init_creates_a_user(monkeypatch: pytest.MonkeyPatch) -> None:
    """`medpath init --email` migrates and creates the user with the given password."""
    monkeypatch.setenv("MEDPATH_INIT_PASSWORD", "a fine long passphrase")
    result = runner.invoke(app, ["init", "--email", "Ops@Example.org", "--full-name", "Ops"])
    assert result.exit_code == 0, result.output
    assert User.objects.get(email="ops@example.org").check_password("a fine long passphrase")
    again = runner.invoke(app, ["init", "--email", "ops@example.org"])
    assert again.exit_code == 1
    assert "already exists" in again.output


@pytest.mark.django_db(transaction=True)
def test_init_reports_a_weak_password(monkeypatch: pytest.MonkeyPatch) -> None:
    """A password the rules refuse is reported and no user is made."""
    monkeypatch.setenv("MEDPATH_INIT_PASSWORD", "12345")
    result = runner.invoke(app, ["init", "--email", "weak@example.org"])
    assert result.exit_code == 1
    assert not User.objects.filter(email="weak@example.org").exists()


@pytest.mark.django_db(transaction=True)
def test_manage_passes_through(capsys: pytest.CaptureFixture[str]) -> None:
    """`medpath manage …` runs Django's management commands."""
    result = runner.invoke(app, ["manage", "showmigrations", "accounts"])
    assert result.exit_code == 0
    assert "[X] 0001_initial" in result.output + capsys.readouterr().out


def test_serve_refuses_a_bad_or_busy_port() -> None:
    """A port out of range, or one already taken, gets a clear message and no traceback."""
    import socket

    result = runner.invoke(app, ["serve", "--port", "99999"])
    assert result.exit_code == 2
    assert "not a port number" in result.output
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = runner.invoke(app, ["serve", "--port", str(port), "--no-migrate"])
    assert busy.exit_code == 1
    assert "Cannot listen" in busy.output


def test_tokens_create_list_and_revoke(alice, charlie, client) -> None:
    """A token made on the command line opens the API; listed by its prefix only; revoked, it answers 401; Charlie
    cannot revoke Alice's token by its id; a blank name is refused with the field named."""
    made = CliRunner().invoke(app, ["tokens", "create", "--user", "alice@example.org", "--name", "nightly export"])
    assert made.exit_code == 0, made.output
    raw = made.stdout.strip().splitlines()[-1]
    assert raw.startswith("mp_")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert client.get("/api/v1/actions", **bearer).status_code == 200

    listed = json.loads(runner.invoke(app, ["tokens", "list", "--user", "alice@example.org", "--json"]).stdout)["tokens"]
    assert [(t["name"], t["revoked_at"]) for t in listed] == [("nightly export", None)]
    assert raw not in json.dumps(listed)
    assert raw.startswith(listed[0]["prefix"])

    refused = runner.invoke(app, ["tokens", "revoke", str(listed[0]["id"]), "--user", "charlie@example.org"])
    assert refused.exit_code == 1
    assert client.get("/api/v1/actions", **bearer).status_code == 200
    revoked = runner.invoke(app, ["tokens", "revoke", str(listed[0]["id"]), "--user", "alice@example.org"])
    assert revoked.exit_code == 0, revoked.output
    assert client.get("/api/v1/actions", **bearer).status_code == 401

    blank = runner.invoke(app, ["tokens", "create", "--user", "alice@example.org", "--name", "  "])
    assert blank.exit_code == 1
    assert "--name" in blank.output


def test_tokens_list_shows_active_tokens_first(alice) -> None:
    """Two tokens, the older revoked: the active one is listed first on SQLite and PostgreSQL alike."""
    from medpath.accounts.tokens import token_create, token_revoke

    old = token_create(owner=alice, name="old")
    token_create(owner=alice, name="new")
    token_revoke(owner=alice, token_id=old.token.pk)
    listed = json.loads(runner.invoke(app, ["tokens", "list", "--user", "alice@example.org", "--json"]).stdout)["tokens"]
    assert [t["name"] for t in listed] == ["new", "old"]
