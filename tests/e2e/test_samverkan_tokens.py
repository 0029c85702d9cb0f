"""`intyg token` for the people outside care (issue 15 item 8): an employer's token minted on
the command line opens the one space it names, once the citizen has invited the employer."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.cli.main import main
from api.http.app import create_app
from commands.settings import Settings
from domain.samverkan.roles import Role
from tests.factories import personnummer
from tests.factories.samverkan import PARTIES
from tests.factories.samverkan_http import SPACES, Parties, ok


def test_the_command_line_mints_an_employer_token_held_to_its_space(tmp_path, monkeypatch,
                                                                    capsys):
    monkeypatch.setenv("INTYG_MODE", "embedded")
    monkeypatch.delenv("INTYG_JWT_SECRET", raising=False)
    settings = Settings(mode="embedded", data_dir=tmp_path, projections_in_serve=False)
    org = PARTIES[Role.ARBETSGIVARE]
    with TestClient(create_app(settings)) as client:
        who = Parties(settings, personnummer())
        space = who.open_space(client, client.app.state.certificates.clock().date())
        ok(client.post(f"{SPACES}/{space}/participants", headers=who.citizen,
                       json={"role": "ARBETSGIVARE", "party": org}), 201)
        capsys.readouterr()
        assert main(["token", "--employer", org, "--space", space, "--person", "hr-7"]) == 0
        token = {"Authorization": f"Bearer {capsys.readouterr().out.strip()}"}
        assert ok(client.get(f"{SPACES}/{space}", headers=token))["you"] == \
            f"ARBETSGIVARE:{org}"
    assert main(["token", "--employer", org]) == 2  # no space named: no token
