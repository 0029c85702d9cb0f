"""Samverkansytan (ORDERS.md §3; docs/samverkan.md): the citizen opens a space for a current
sick leave, invites and removes participants by role, approves what they add; each
participant sees the space within their grant. To anyone not (or no longer) in a space it
does not exist: 404, as for an unknown id. Reads by care or Försäkringskassan are logged."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api.documents.return_plan import return_plan_pdf
from api.http.openapi import PDF, problems
from api.http.pdf import pdf_response
from api.http.samverkan import (
    SpacesDep,
    changed,
    log_read,
    measure_in,
    plan_out,
    space_out,
    threads_out,
    timeline_out,
)
from api.http.samverkan_schemas import (
    PARTICIPANT,
    CertificateIn,
    ConsentIn,
    ContactIn,
    InviteIn,
    ItemIn,
    OpenSpaceIn,
    PlanOut,
    ReadOut,
    ReadsOut,
    ReminderOut,
    RemindersOut,
    ReplyIn,
    SpaceChangedOut,
    SpaceOut,
    ThreadIn,
    ThreadsOut,
    TimelineOut,
)
from api.http.schemas import VERSION_MOST
from api.http.space_tokens import SpaceCallerDep
from api.http.space_uploads import FILE_RESPONSES, DocumentsDep, checked_file, upload_body
from commands.access_log import AccessLog
from domain.samverkan.errors import SpaceItemNotFoundError
from domain.samverkan.plan import plan_of
from domain.samverkan.reminders import due_reminders
from domain.samverkan.roles import Action, ItemKind, Section

router = APIRouter(prefix="/v1/samverkan/spaces", tags=["Samverkansytan"])
SPACE = "/{space_id}"
READ = problems(401, 403, 404, 422)
WRITE = problems(401, 403, 404, 409, 413, 422)
LOGGED = problems(401, 403, 404, 422, 503)
ParticipantPath = Annotated[str, Path(**PARTICIPANT)]
VersionQuery = Annotated[int | None, Query(ge=1, le=VERSION_MOST,
                                            description="A version of the space")]
ItemPath = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9\-]+$")]


@router.post("", status_code=201, responses=WRITE)
def open_space(body: OpenSpaceIn, caller: SpaceCallerDep, spaces: SpacesDep) -> SpaceChangedOut:
    """The citizen opens the space of a current sick leave (one per case)."""
    return changed(spaces.open(caller, body.certificate_id))


@router.get(SPACE, responses=LOGGED)
def view_space(space_id: UUID, request: Request, caller: SpaceCallerDep,
               spaces: SpacesDep) -> SpaceOut:
    """The space as the caller may see it."""
    facts, member = spaces.facts(space_id, caller)
    log_read(request, caller, facts, space_id)
    return space_out(space_id, facts, member, spaces.clock().date())


@router.get(f"{SPACE}/timeline", responses=LOGGED)
def view_timeline(space_id: UUID, request: Request, caller: SpaceCallerDep,
                  spaces: SpacesDep) -> TimelineOut | None:
    """The sick-day count and the milestones (null before any period is linked)."""
    space, _ = spaces.get_for(space_id, caller, Action.VIEW_TIMELINE, Section.TIDSLINJE)
    log_read(request, caller, space.facts, space_id)
    return timeline_out(space.facts, spaces.clock().date())


@router.get(f"{SPACE}/plan", responses=LOGGED)
def plan(space_id: UUID, request: Request, caller: SpaceCallerDep, spaces: SpacesDep,
         version: VersionQuery = None) -> PlanOut:
    """The plan för återgång i arbete (JSON) now, or as it stood at ``version``."""
    facts, at = spaces.plan(space_id, caller, version)
    log_read(request, caller, facts, space_id)
    return plan_out(space_id, facts, at, spaces.clock().date())


@router.get(f"{SPACE}/plan.pdf", response_class=Response, responses={**PDF, **LOGGED})
def plan_pdf(space_id: UUID, request: Request, caller: SpaceCallerDep, spaces: SpacesDep,
             version: VersionQuery = None) -> Response:
    """The plan för återgång i arbete as a PDF, now or at ``version``."""
    facts, at = spaces.plan(space_id, caller, version)
    log_read(request, caller, facts, space_id)
    found = plan_out(space_id, facts, at, spaces.clock().date())
    return pdf_response(return_plan_pdf(str(space_id), at, found.due, plan_of(facts)),
                        f"plan-for-atergang-{space_id}-v{at}")


@router.get(f"{SPACE}/reminders", responses=LOGGED)
def reminders(space_id: UUID, request: Request, caller: SpaceCallerDep,
              spaces: SpacesDep) -> RemindersOut:
    """What the plan's parties should be reminded of today (deadline, follow-ups)."""
    facts, _ = spaces.plan(space_id, caller)
    log_read(request, caller, facts, space_id)
    return RemindersOut(reminders=[
        ReminderOut(kind=r.kind.value, on=r.on, item_id=r.item_id)
        for r in due_reminders(facts, spaces.clock().date())])


@router.post(f"{SPACE}/certificates", responses=WRITE)
def link_certificate(space_id: UUID, body: CertificateIn, caller: SpaceCallerDep,
                     spaces: SpacesDep) -> SpaceChangedOut:
    """The citizen adds a certificate of theirs (a renewal, say) to the timeline."""
    return changed(spaces.link_certificate(space_id, caller, body.certificate_id))


@router.post(f"{SPACE}/participants", status_code=201, responses=WRITE)
def invite(space_id: UUID, body: InviteIn, caller: SpaceCallerDep,
           spaces: SpacesDep) -> SpaceChangedOut:
    """The citizen invites a party by role, with the sections the grant opens."""
    return changed(spaces.invite(space_id, caller, body.role, body.party, body.scope))


@router.post(f"{SPACE}/participants/{{participant}}/removal", responses=WRITE)
def remove(space_id: UUID, participant: ParticipantPath, caller: SpaceCallerDep,
           spaces: SpacesDep) -> SpaceChangedOut:
    """The citizen removes a participant: from now on they see nothing of the space."""
    return changed(spaces.remove(space_id, caller, participant))


@router.post(f"{SPACE}/participants/{{participant}}/consent", responses=WRITE)
def consent(space_id: UUID, participant: ParticipantPath, body: ConsentIn,
            caller: SpaceCallerDep, spaces: SpacesDep) -> SpaceChangedOut:
    """The patient's consent for a care participant to contribute, given or withdrawn."""
    return changed(spaces.record_consent(space_id, caller, participant, body.given))


@router.post(f"{SPACE}/items", status_code=201, responses=WRITE)
def contribute(space_id: UUID, body: ItemIn, caller: SpaceCallerDep,
               spaces: SpacesDep) -> SpaceChangedOut:
    """A plan item, message or document: seen by its author and the citizen until approved."""
    return changed(spaces.contribute(space_id, caller, body.kind, body.title, body.text,
                                     body.reference, measure_in(body.measure)))


@router.post(f"{SPACE}/items/{{item_id}}/approval", responses=WRITE)
def approve(space_id: UUID, item_id: ItemPath, caller: SpaceCallerDep,
            spaces: SpacesDep) -> SpaceChangedOut:
    """The citizen approves an item: every participant whose grant opens its section sees it."""
    return changed(spaces.approve(space_id, caller, item_id))


@router.post(f"{SPACE}/items/{{item_id}}/approval-withdrawal", responses=WRITE)
def withdraw_approval(space_id: UUID, item_id: ItemPath, caller: SpaceCallerDep,
                      spaces: SpacesDep) -> SpaceChangedOut:
    """The citizen withdraws an approval: hidden again from now on, its history kept."""
    return changed(spaces.withdraw_approval(space_id, caller, item_id))


@router.get(f"{SPACE}/threads", responses=LOGGED)
def threads(space_id: UUID, request: Request, caller: SpaceCallerDep,
            spaces: SpacesDep) -> ThreadsOut:
    """The dialogue threads the caller sees, each with the replies they see."""
    space, member = spaces.get_for(space_id, caller, Action.VIEW_SPACE, Section.DIALOG)
    log_read(request, caller, space.facts, space_id)
    return threads_out(space.facts, member)


@router.post(f"{SPACE}/threads", status_code=201, responses=WRITE)
def start_thread(space_id: UUID, body: ThreadIn, caller: SpaceCallerDep,
                 spaces: SpacesDep) -> SpaceChangedOut:
    """A new thread (a message, its title the subject), released as any item."""
    return changed(spaces.contribute(space_id, caller, ItemKind.MEDDELANDE, body.subject,
                                     body.text))


@router.post(f"{SPACE}/threads/{{thread_id}}/replies", status_code=201, responses=WRITE)
def reply(space_id: UUID, thread_id: ItemPath, body: ReplyIn, caller: SpaceCallerDep,
          spaces: SpacesDep) -> SpaceChangedOut:
    """A reply in a thread the caller sees: seen by its author and the citizen until the
    citizen approves it (``/items/{itemId}/approval``)."""
    return changed(spaces.reply(space_id, caller, thread_id, body.text))


@router.post(f"{SPACE}/documents", status_code=201, responses=problems(401, 403, 404, 409,
                                                                       413, 415, 422),
             openapi_extra=upload_body(10_485_760))
async def upload_document(space_id: UUID, request: Request, caller: SpaceCallerDep,
                          spaces: SpacesDep, documents: DocumentsDep) -> SpaceChangedOut:
    """An uploaded document (PDF, PNG, JPEG; at most 10 MiB), stored sealed under the
    citizen's key; seen by its author and the citizen until the citizen approves it."""
    content = await request.body()
    media_type, title = checked_file(content)
    now = spaces.clock()

    def keep(item_id: str, personnummer: str) -> None:
        documents.keep(str(space_id), item_id, personnummer, media_type, content, now)

    result = await run_in_threadpool(spaces.upload, space_id, caller, title, keep)
    return changed(result)


@router.get(f"{SPACE}/documents/{{item_id}}", response_class=Response,
            responses={**FILE_RESPONSES, **LOGGED})
def fetch_document(space_id: UUID, item_id: ItemPath, request: Request,
                   caller: SpaceCallerDep, spaces: SpacesDep,
                   documents: DocumentsDep) -> Response:
    """An uploaded document the caller sees: a removed participant gets 404."""
    facts = spaces.uploaded(space_id, caller, item_id)
    found = documents.fetch(str(space_id), item_id)
    if found is None:
        raise SpaceItemNotFoundError(f"No document {item_id} in the space.")
    log_read(request, caller, facts, space_id)
    return Response(found[1], media_type=found[0],
                    headers={"Content-Disposition": f'attachment; filename="{item_id}"'})


@router.post(f"{SPACE}/contact", responses=WRITE)
def give_contact(space_id: UUID, body: ContactIn, caller: SpaceCallerDep,
                 spaces: SpacesDep) -> SpaceChangedOut:
    """The caller's own entry in the contact list (a later one replaces it)."""
    return changed(spaces.give_contact(space_id, caller, body.name, body.phone, body.email))


@router.get(f"{SPACE}/reads", responses=READ)
def reads(space_id: UUID, request: Request, caller: SpaceCallerDep,
          spaces: SpacesDep) -> ReadsOut:
    """The citizen's view of who in care or at Försäkringskassan read what in the space."""
    space, _ = spaces.get_for(space_id, caller, Action.VIEW_READ_LOG)
    facts = space.facts
    access_log: AccessLog = request.app.state.access_log
    return ReadsOut(reads=[
        ReadOut(at=line["at"].isoformat(), role=line["role"], reader=line["hsa_id"],
                what=line["what"])
        for line in access_log.of_patient(facts.citizen)
        if str(space_id) in line["certificate_ids"]])
