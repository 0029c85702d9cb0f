"""The refusals of questions and answers (DOMAIN.md §6), in the error families of
domain/errors.py so the API maps them to problem responses from the one table."""

from __future__ import annotations

from domain.shared.errors import InvalidInputError, NotFoundError, RuleViolationError


class QuestionsNotForTypeError(RuleViolationError):
    """Only lisjp, luse, luae_na and luae_fs have questions and answers."""


class CertificateNotOpenForQuestionsError(RuleViolationError):
    """Messages need a signed certificate that is not revoked."""


class PatientMismatchError(InvalidInputError):
    """The message's patient is not the certificate's."""


class UnknownSenderError(InvalidInputError):
    """The sender is not a known recipient of the certificate's type."""


class ComplementItemsOnlyWithKompltError(InvalidInputError):
    """Complement items come only with a KOMPLT question."""


class QuestionNotFoundError(NotFoundError):
    """No such question on the certificate (also: a reminder's target is missing)."""


class AlreadyAnsweredError(RuleViolationError):
    """A question gets one answer."""


class SubjectMismatchError(InvalidInputError):
    """An answer has the subject of the question it answers."""


class KompltNeedsComplementError(RuleViolationError):
    """A KOMPLT question is resolved by a complement or a "cannot complement" answer."""


class SubjectNotForCareError(InvalidInputError):
    """Care starts only AVSTMN, KONTKT or OVRIGT questions."""


class NotAnswerableError(RuleViolationError):
    """This message cannot be answered (a reminder, one's own question, a closed one)."""


class NoOpenKompltError(RuleViolationError):
    """A "cannot complement" answer needs an open KOMPLT question."""


class QuestionClosedError(RuleViolationError):
    """The question is closed already (or, for re-opening, not closed)."""


class CannotReopenAnsweredError(RuleViolationError):
    """A received question that care answered stays closed: the answer has gone out."""


class DuplicateMessageIdError(RuleViolationError):
    """Care's message would reuse an id the conversation has already seen."""


class MessageLinksError(InvalidInputError):
    """``reminds`` belongs to a PAMINN (which needs it), ``answers`` to an answer."""
