"""The access policy of every route, in one registry that one app-wide dependency applies.

Each route (method and path template) names who may call it: staff holding a privilege of
``domain.shared.privileges``, a citizen, a recipient system, anyone (public), or a statistics
scope that the statistics route checks against the token (national reports are open). A route
missing here is refused at start-up (``check_every_route_has_a_policy``) and by the tests.

Order of the checks, so that nobody learns more than they may: the token (401), then the role's
privilege (403; it says nothing about any certificate), then the caller's right to the
certificate (``Certificates.get_for``: 404, the same as an unknown id), then version and state.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from fastapi import FastAPI, HTTPException, Request
from fastapi.routing import APIRoute, iter_route_contexts

from api.http.auth import TokenDecoder, unauthorized
from api.http.space_tokens import admit_space_party
from domain.shared.privileges import ORDER_GRANTS, Privilege, check_grant, check_privilege


class Audience(StrEnum):
    STAFF = "staff"
    CITIZEN = "citizen"
    RECIPIENT = "recipient"
    PUBLIC = "public"
    STATISTICS_SCOPE = "statistics scope"  # national open; below it the route checks the scope
    SPACE_PARTY = "space party"  # Samverkansytan: any token kind a space takes (space_tokens)


@dataclass(frozen=True)
class Policy:
    audience: Audience
    privilege: Privilege | None = None


def staff(privilege: Privilege) -> Policy:
    return Policy(Audience.STAFF, privilege)


PUBLIC = Policy(Audience.PUBLIC)
CITIZEN = Policy(Audience.CITIZEN)
RECIPIENT = Policy(Audience.RECIPIENT)
_CERT = "/v1/certificates/{certificate_id}"
_QUESTION = f"{_CERT}/questions/{{question_id}}"
_CITIZEN = "/v1/citizen/certificates"
_REHAB = "/v1/rehabstod/units/{unit_id}"
_ORDER = "/v1/orders/{order_id}"
_FK = "/v1/fmu/authority"
_SA = "/v1/fmu/coordinator/investigations"
_VA = "/v1/fmu/unit/investigations"
_SPACE = "/v1/samverkan/spaces"
SPACE_PARTY = Policy(Audience.SPACE_PARTY)

POLICIES: dict[tuple[str, str], Policy] = {
    ("GET", "/health"): PUBLIC,
    ("GET", "/.well-known/intyg-digest-key"): PUBLIC,
    ("GET", "/statistik"): PUBLIC,
    ("GET", "/docs"): PUBLIC,
    ("GET", "/redoc"): PUBLIC,
    ("GET", "/docs/assets/{name}"): PUBLIC,
    ("GET", "/favicon.ico"): PUBLIC,
    ("GET", "/v1/certificate-types"): PUBLIC,
    ("GET", "/v1/recipients"): PUBLIC,
    ("GET", "/v1/statistik/reports"): PUBLIC,
    ("GET", "/v1/statistik/national/reports/{name}"): PUBLIC,
    ("GET", "/v1/statistik/{level}/reports/{name}"): Policy(Audience.STATISTICS_SCOPE),
    # Webcert: one certificate
    ("POST", "/v1/certificates"): staff(Privilege.SKRIVA_INTYG),
    ("GET", _CERT): staff(Privilege.VISA_INTYG),
    ("PUT", f"{_CERT}/content"): staff(Privilege.SKRIVA_INTYG),
    ("GET", f"{_CERT}/validation"): staff(Privilege.VISA_INTYG),
    ("POST", f"{_CERT}/discard"): staff(Privilege.SKRIVA_INTYG),
    ("POST", f"{_CERT}/sign"): staff(Privilege.SIGNERA_INTYG),
    ("POST", f"{_CERT}/send"): staff(Privilege.VISA_INTYG),
    ("POST", f"{_CERT}/revoke"): staff(Privilege.MAKULERA_INTYG),
    ("POST", f"{_CERT}/replace"): staff(Privilege.ERSATTA_INTYG),
    ("POST", f"{_CERT}/renew"): staff(Privilege.FORNYA_INTYG),
    ("POST", f"{_CERT}/complement"): staff(Privilege.SVARA_MED_NYTT_INTYG),
    ("POST", f"{_CERT}/copy"): staff(Privilege.SKRIVA_INTYG),
    ("POST", f"{_CERT}/ag7804"): staff(Privilege.SKRIVA_INTYG),
    ("POST", f"{_CERT}/doi"): staff(Privilege.SKRIVA_INTYG),
    ("GET", f"{_CERT}/history"): staff(Privilege.VISA_INTYG),
    ("GET", f"{_CERT}/fmb"): staff(Privilege.VISA_INTYG),
    ("GET", f"{_CERT}/pdf"): staff(Privilege.VISA_INTYG),
    ("GET", f"{_CERT}/proof"): staff(Privilege.VISA_INTYG),
    # Webcert: questions and answers
    ("POST", "/v1/recipient/messages"): RECIPIENT,
    ("GET", f"{_CERT}/questions"): staff(Privilege.VISA_INTYG),
    ("POST", f"{_CERT}/questions"): staff(Privilege.VISA_INTYG),
    ("POST", f"{_CERT}/questions/cannot-complement"):
        staff(Privilege.BESVARA_KOMPLETTERINGSFRAGA),
    ("POST", f"{_QUESTION}/answer"): staff(Privilege.VISA_INTYG),
    ("POST", f"{_QUESTION}/handled"): staff(Privilege.VISA_INTYG),
    ("POST", f"{_QUESTION}/reopen"): staff(Privilege.VISA_INTYG),
    ("GET", "/v1/units/{unit_id}/questions"): staff(Privilege.VISA_INTYG),
    # Webcert: lists
    ("GET", "/v1/units/{unit_id}/drafts"): staff(Privilege.VISA_INTYG),
    ("GET", "/v1/units/{unit_id}/certificates"): staff(Privilege.VISA_INTYG),
    ("GET", "/v1/units/{unit_id}/patients/{personnummer}/certificates"):
        staff(Privilege.VISA_INTYG),
    ("GET", "/v1/me/drafts"): staff(Privilege.VISA_INTYG),
    ("GET", "/v1/me/certificates"): staff(Privilege.VISA_INTYG),
    # Rehabstöd
    ("GET", f"{_REHAB}/sjukfall"): staff(Privilege.VISA_SJUKFALL),
    ("GET", f"{_REHAB}/summary"): staff(Privilege.VISA_SJUKFALL),
    ("GET", f"{_REHAB}/patients/{{personnummer}}/sjukfall"): staff(Privilege.VISA_SJUKFALL),
    # Mina intyg
    ("GET", _CITIZEN): CITIZEN,
    ("GET", f"{_CITIZEN}/{{certificate_id}}"): CITIZEN,
    ("GET", f"{_CITIZEN}/{{certificate_id}}/pdf"): CITIZEN,
    ("POST", f"{_CITIZEN}/{{certificate_id}}/send"): CITIZEN,
    ("POST", f"{_CITIZEN}/{{certificate_id}}/archive"): CITIZEN,
    ("POST", f"{_CITIZEN}/{{certificate_id}}/restore"): CITIZEN,
    ("GET", f"{_CITIZEN}/{{certificate_id}}/employer-version"): CITIZEN,
    ("GET", f"{_CITIZEN}/{{certificate_id}}/employer-version.pdf"): CITIZEN,
    # The PDL access log
    ("GET", "/v1/citizen/access-log"): CITIZEN,
    ("GET", "/v1/access-log"): staff(Privilege.GRANSKA_ATKOMSTLOGG),
    # Intygsstatistik: the region's unit list (listed patients)
    ("POST", "/v1/statistik/unit-list"): staff(Privilege.HANTERA_LISTNINGAR),
    ("GET", "/v1/statistik/unit-list"): staff(Privilege.HANTERA_LISTNINGAR),
    # Intygsstatistik: shared filter sets (codes and HSA ids), for those who see the scope
    ("POST", "/v1/statistik/{level}/filters"): Policy(Audience.STATISTICS_SCOPE),
    ("GET", "/v1/statistik/{level}/filters/{filter_id}"): Policy(Audience.STATISTICS_SCOPE),
    # Intygsstatistik: the levels the caller's token opens (national for all), for the page
    ("GET", "/v1/statistik/levels"): PUBLIC,
    # Orders from authorities (Intygsbeställning)
    ("POST", "/v1/recipient/orders"): RECIPIENT,
    ("GET", "/v1/units/{unit_id}/orders"): staff(Privilege.VISA_BESTALLNING),
    ("GET", _ORDER): staff(Privilege.VISA_BESTALLNING),
    ("GET", f"{_ORDER}/timeline"): staff(Privilege.VISA_BESTALLNING),
    ("POST", f"{_ORDER}/accept"): staff(Privilege.VISA_BESTALLNING),
    ("POST", f"{_ORDER}/reject"): staff(Privilege.VISA_BESTALLNING),
    ("POST", f"{_ORDER}/delete"): staff(Privilege.RADERA_BESTALLNING),
    ("POST", f"{_ORDER}/done"): staff(Privilege.VISA_BESTALLNING),
    ("POST", f"{_ORDER}/answer"): staff(Privilege.VISA_BESTALLNING),
    # FMU: Försäkringskassan's messages, the coordinator's and the unit's routes
    **{("POST", f"{_FK}{path}"): RECIPIENT for path in (
        "/assessments", "/orders", "/assessments/{assessment_id}/order-updates",
        "/assessments/{assessment_id}/deviations",
        "/assessments/{assessment_id}/certificate-receipts",
        "/assessments/{assessment_id}/supplement-requests",
        "/assessments/{assessment_id}/supplement-receipts",
        "/assessments/{assessment_id}/end")},
    ("GET", _SA): staff(Privilege.FMU_SAMORDNARE),
    **{(method, f"{_SA}/{{investigation_id}}{path}"): staff(Privilege.FMU_SAMORDNARE)
       for method, path in (("GET", ""), ("POST", "/units-asked"),
                            ("POST", "/direct-assignment"), ("POST", "/assignment"),
                            ("POST", "/rejection"), ("POST", "/payment-ids/{kind}"))},
    ("GET", _VA): staff(Privilege.FMU_VARDADMIN),
    **{(method, f"{_VA}/{{investigation_id}}{path}"): staff(Privilege.FMU_VARDADMIN)
       for method, path in (("GET", ""), ("POST", "/answer"), ("POST", "/documents"),
                            ("POST", "/visits"), ("POST", "/visits/{visit_id}/reschedule"),
                            ("POST", "/visits/{visit_id}/cancel"),
                            ("POST", "/visits/{visit_id}/held"), ("POST", "/deviations"),
                            ("POST", "/statement"), ("POST", "/complement-questions"),
                            ("POST", "/complement"), ("POST", "/invoice-id"),
                            ("POST", "/end"))},
    # Samverkansytan: the citizen, invited participants; the application checks the space
    ("POST", _SPACE): SPACE_PARTY,
    **{(method, f"{_SPACE}/{{space_id}}{path}"): SPACE_PARTY
       for method, path in (("GET", ""), ("GET", "/timeline"), ("GET", "/reads"),
                            ("GET", "/plan"), ("GET", "/plan.pdf"), ("GET", "/reminders"),
                            ("POST", "/certificates"), ("POST", "/participants"),
                            ("POST", "/participants/{participant}/removal"),
                            ("POST", "/participants/{participant}/consent"),
                            ("POST", "/items"), ("POST", "/items/{item_id}/approval"),
                            ("POST", "/contact"),
                            ("POST", "/items/{item_id}/approval-withdrawal"),
                            ("GET", "/threads"), ("POST", "/threads"),
                            ("POST", "/threads/{thread_id}/replies"),
                            ("POST", "/documents"), ("GET", "/documents/{item_id}"))},
}


def policy_of(method: str, path: str) -> Policy | None:
    return POLICIES.get((method, path))


def routes_without_policy(app: FastAPI) -> list[str]:
    """Every (method, path) the app serves through FastAPI with no entry in ``POLICIES``."""
    return [f"{method} {context.path}"
            for context in iter_route_contexts(app.routes)
            if isinstance(context.original_route, APIRoute)
            for method in sorted(context.original_route.methods or ())
            if (method, context.path) not in POLICIES]


def check_every_route_has_a_policy(app: FastAPI) -> None:
    missing = routes_without_policy(app)
    if missing:
        raise RuntimeError(f"Routes without an access policy: {', '.join(missing)}.")


def enforce_policy(request: Request) -> None:
    """App-wide dependency: the route's policy, before its own dependencies and body."""
    route = request.scope.get("route")
    path = route.path if isinstance(route, APIRoute) else ""
    policy = policy_of(request.method, path)
    if policy is None:  # unreachable after the start-up check; refused rather than open
        raise HTTPException(status_code=403, detail="This route has no access policy.")
    decoder: TokenDecoder = request.app.state.tokens
    if policy.audience is Audience.STAFF and policy.privilege in ORDER_GRANTS:
        _admit_fmu_grant(request, decoder, policy.privilege)
    elif policy.audience is Audience.STAFF and policy.privilege is not None:
        member = decoder.staff(_token(request))
        request.state.actor = member.hsa_id
        check_privilege(member, policy.privilege)
        request.state.staff = member
    elif policy.audience is Audience.CITIZEN:
        decoder.citizen_personnummer(_token(request))
        request.state.actor = "citizen"  # never the personnummer
    elif policy.audience is Audience.RECIPIENT:
        request.state.actor = decoder.recipient_id(_token(request))
    elif policy.audience is Audience.SPACE_PARTY:
        admit_space_party(request, decoder, _token(request))


def _admit_fmu_grant(request: Request, decoder: TokenDecoder, grant: Privilege) -> None:
    """An FMU route: a care user whose token carries the grant (``fmu_grants``)."""
    token = _token(request)
    member = decoder.staff(token)
    request.state.actor = member.hsa_id
    grants = decoder.fmu_grants(token)
    check_grant(grants, grant)
    request.state.staff = member
    request.state.fmu_grants = grants


def _token(request: Request) -> str:
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not credentials.strip():
        raise unauthorized("A bearer token is required.")
    return credentials.strip()
