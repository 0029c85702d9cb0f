"""``intyg token``: a development bearer token (embedded mode only) for care staff by default,
for a citizen of Mina intyg with ``--citizen PNR``, for a recipient system with
``--recipient ID``, or for an employer or occupational health service in one Samverkansytan
space with ``--employer ORGNR`` / ``--occupational-health ORGNR`` and ``--space ID``."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from api.http.dev_tokens import (
    MAX_HOURS,
    mint_citizen_token,
    mint_recipient_token,
    mint_space_party_token,
    mint_staff_token,
)
from commands.settings import Settings
from domain.shared.care import Role, Staff
from domain.shared.catalogue import RECIPIENTS
from domain.shared.identities import normalise_personnummer
from domain.shared.privileges import ORDER_GRANTS, Privilege
from domain.shared.staff_attributes import (
    FIRST_BIRTH_YEAR,
    LAST_BIRTH_YEAR,
    TITLES,
    StaffAttributes,
)


def _token(args: argparse.Namespace, settings: Settings) -> int:
    if settings.is_production:
        print("intyg: tokens are issued by the identity provider in production mode; "
              "`intyg token` works in embedded mode only.", file=sys.stderr)
        return 2
    if args.citizen is not None:
        number = normalise_personnummer(args.citizen, date.today(), field="--citizen")
        print(mint_citizen_token(settings, number, hours=args.hours))
    elif args.recipient is not None:
        if args.recipient not in RECIPIENTS:
            print(f"intyg: unknown recipient {args.recipient!r}; known: "
                  f"{', '.join(RECIPIENTS)}.", file=sys.stderr)
            return 2
        print(mint_recipient_token(settings, args.recipient, hours=args.hours))
    elif args.employer is not None or args.occupational_health is not None:
        kind = "employer" if args.employer is not None else "occupational_health"
        if args.space is None:
            print("intyg: --space names the one space the token opens.", file=sys.stderr)
            return 2
        print(mint_space_party_token(settings, kind, args.employer or args.occupational_health,
                                     args.person, args.space, hours=args.hours))
    else:
        staff = Staff(hsa_id=args.hsa_id, name=args.name, role=Role(args.role),
                      care_unit_hsa_id=args.care_unit, care_giver_hsa_id=args.care_giver,
                      attributes=_attributes(args))
        grants = [Privilege(name) for name in args.fmu_grant or ()]
        print(mint_staff_token(settings, staff, hours=args.hours, fmu_grants=grants))
    return 0


def _attributes(args: argparse.Namespace) -> StaffAttributes | None:
    """The HSA attributes given (--sex, --birth-year, --title), None without any."""
    given = {"sex": args.sex, "birth_year": args.birth_year, "title": args.title}
    return StaffAttributes(**given) if any(v is not None for v in given.values()) else None


def _birth_year(raw: str) -> int:
    year = int(raw)
    if not FIRST_BIRTH_YEAR <= year <= LAST_BIRTH_YEAR:
        raise argparse.ArgumentTypeError(
            f"a year of birth is {FIRST_BIRTH_YEAR}-{LAST_BIRTH_YEAR}")
    return year


def _hours(raw: str) -> int:
    hours = int(raw)
    if not 1 <= hours <= MAX_HOURS:
        raise argparse.ArgumentTypeError(f"a development token lives 1 to {MAX_HOURS} hours")
    return hours


def add_command(sub: Any) -> None:
    token = sub.add_parser(
        "token", help="mint a development token (embedded mode only): care staff by default, "
                      "--citizen PNR or --recipient ID")
    who = token.add_mutually_exclusive_group()
    who.add_argument("--citizen", metavar="PNR",
                     help="a citizen's token for Mina intyg (/v1/citizen/...)")
    who.add_argument("--recipient", metavar="ID",
                     help="a recipient system's token, e.g. FKASSA (/v1/recipient/...)")
    who.add_argument("--employer", metavar="ORGNR",
                     help="an employer's token for one Samverkansytan space (with --space)")
    who.add_argument("--occupational-health", metavar="ORGNR",
                     help="an occupational health service's token for one space (--space)")
    token.add_argument("--space", metavar="ID", help="the space an outside token opens")
    token.add_argument("--person", default="person-1",
                       help="the acting person's id at the organisation (outside tokens)")
    token.add_argument("--hsa-id", default="SE2321000016-D001")
    token.add_argument("--name", default="Ajla Doktor")
    token.add_argument("--role", default="doctor", choices=[role.value for role in Role])
    token.add_argument("--care-unit", default="SE2321000016-E001")
    token.add_argument("--care-giver", default="SE2321000016-G001")
    token.add_argument("--fmu-grant", action="append",
                       choices=sorted(grant.value for grant in ORDER_GRANTS),
                       help="an FMU privilege granted to the person (repeatable)")
    token.add_argument("--sex", choices=["F", "M"], help="HSA: the person's sex (optional)")
    token.add_argument("--birth-year", type=_birth_year, help="HSA: year of birth (optional)")
    token.add_argument("--title", choices=list(TITLES),
                       help="HSA: title (befattning) code (optional)")
    token.add_argument("--hours", type=_hours, default=MAX_HOURS,
                       help=f"lifetime, 1-{MAX_HOURS} hours")
    token.set_defaults(handler=_token)
