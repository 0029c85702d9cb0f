"""The reminders of a space as e-mails (issue 15 item 6): to the citizen and the parties whose
grant opens PLAN, at their own contact e-mail; each reminder once per recipient (its record
keyed by kind, date and measure, not by the day it is sent); a text with no patient data."""

from __future__ import annotations

from datetime import date

from domain.samverkan.facts import OWNER
from domain.samverkan.reminder_mail import reminder_mails, space_mail_text
from domain.samverkan.roles import Role, Section
from tests.factories import personnummer
from tests.factories.samverkan import NOW, key_of, space_with_everyone

DUE = date(2026, 11, 18)  # day 30 of a sick leave from 2026-10-20 expected to last 73 days


def _space(pnr: str):
    space = space_with_everyone(pnr)
    for key, email in ((OWNER, "medborgare@example.se"),
                       (key_of(Role.ARBETSGIVARE), "chef@lagret.example"),
                       (key_of(Role.LAKARE), "")):  # a phone number only: no mail
        space.give_contact(participant=key, name="Kim", phone="070-1", email=email, now=NOW,
                           by="x")
    space.remove(participant=key_of(Role.FORETAGSHALSOVARD), now=NOW, by="citizen")
    return space


def test_the_plan_reminder_goes_to_each_plan_reader_with_an_email_when_due():
    space = _space(personnummer())
    assert reminder_mails(str(space.id), space.facts, date(2026, 11, 12)) == []
    soon = reminder_mails(str(space.id), space.facts, date(2026, 11, 13))
    assert sorted((m.type, m.recipient) for m in soon) == [
        ("SAMVERKAN_PLAN_DUE_SOON", "chef@lagret.example"),
        ("SAMVERKAN_PLAN_DUE_SOON", "medborgare@example.se")]
    later = reminder_mails(str(space.id), space.facts, date(2026, 11, 16))
    assert {m.record_id for m in later} == {m.record_id for m in soon}  # sent once
    overdue = reminder_mails(str(space.id), space.facts, date(2026, 11, 19))
    assert {m.type for m in overdue} == {"SAMVERKAN_PLAN_OVERDUE"}
    assert not {m.record_id for m in overdue} & {m.record_id for m in soon}


def test_a_party_whose_grant_does_not_open_plan_gets_no_reminder():
    space = space_with_everyone(personnummer(), scope=(Section.DIALOG,))
    space.give_contact(participant=key_of(Role.ARBETSGIVARE), name="Kim", phone="",
                       email="chef@lagret.example", now=NOW, by="x")
    assert reminder_mails(str(space.id), space.facts, date(2026, 11, 19)) == []


def test_a_reminder_mail_names_the_date_and_the_space_and_no_patient():
    pnr = personnummer()
    space = _space(pnr)
    (mail, _) = reminder_mails(str(space.id), space.facts, date(2026, 11, 19))
    subject, body = space_mail_text(mail, "https://intyg.example/samverkan/")
    assert subject == "Påminnelse: planen för återgång i arbete är försenad"
    assert DUE.isoformat() in body and f"https://intyg.example/samverkan/{space.id}" in body
    assert pnr not in subject + body and "Kim" not in body
