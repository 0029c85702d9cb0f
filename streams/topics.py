"""Topic names and their idempotent set-up. Domain topics keep everything, forever."""

from __future__ import annotations

import contextlib
import time

import structlog
from kafka.admin import KafkaAdminClient, NewTopic
from kafka.errors import TopicAlreadyExistsError

from commands.settings import Settings

log = structlog.get_logger("streams.topics")
KEEP_FOREVER = {"cleanup.policy": "delete", "retention.ms": "-1", "retention.bytes": "-1",
                "min.insync.replicas": "1"}


def certificates_topic(settings: Settings) -> str:
    return f"{settings.kafka_topic_prefix}intyg.certificates.v1"


def dead_letter_topic(settings: Settings) -> str:
    return f"{settings.kafka_topic_prefix}intyg.deadletter.v1"


def digests_topic(settings: Settings) -> str:
    """The ledger's signed digests (docs/ledger.md), one record per digest, in order."""
    return f"{settings.kafka_topic_prefix}intyg.digests.v1"


def access_log_topic(settings: Settings) -> str:
    """The PDL access log: one message per stored access entry (``streams.access_log``)."""
    return f"{settings.kafka_topic_prefix}intyg.access-log.v1"


def orders_topic(settings: Settings) -> str:
    """Every event of the orders from authorities (``streams.orders``), keyed by order id."""
    return f"{settings.kafka_topic_prefix}intyg.orders.v1"


def order_answers_topic(settings: Settings, authority: str) -> str:
    """The care unit's answers to one ordering authority's system (accepted, rejected, deleted,
    or a message in text), keyed by order id."""
    return f"{settings.kafka_topic_prefix}intyg.order-answers.{authority}.v1"


def ordering_systems() -> list[str]:
    """The authorities that may order and have a system of their own to order with (a
    recipient token): AF, SOS and TRANSP."""
    from domain.orders.bestallning.validation import ORDERING_AUTHORITIES
    from domain.shared.catalogue import RECIPIENTS, RecipientKind

    return sorted(a for a in ORDERING_AUTHORITIES
                  if a in RECIPIENTS and RECIPIENTS[a].kind is RecipientKind.AUTHORITY)


def order_answers_topics(settings: Settings) -> list[str]:
    return [order_answers_topic(settings, a) for a in ordering_systems()]


def fmu_authority_topic(settings: Settings) -> str:
    """The FMU messages to the authority's system (``streams.fmu_messages``), keyed by the
    investigation's id."""
    return f"{settings.kafka_topic_prefix}intyg.fmu.to-authority.v1"


def investigations_topic(settings: Settings) -> str:
    """Every step of the FMU investigations (``streams.investigations``), keyed by the
    investigation's id."""
    return f"{settings.kafka_topic_prefix}intyg.fmu.v1"


def spaces_topic(settings: Settings) -> str:
    """Every event of the Samverkansytan spaces (``streams.samverkan``), keyed by the space's
    id."""
    return f"{settings.kafka_topic_prefix}intyg.samverkan.v1"


def recipient_topic(settings: Settings, recipient_id: str) -> str:
    """What care sends to one recipient (certificates sent and revoked, questions and answers),
    keyed by certificate id, for the recipient's own system to consume."""
    return f"{settings.kafka_topic_prefix}intyg.recipient.{recipient_id}.v1"


def recipient_topics(settings: Settings) -> list[str]:
    from domain.shared.catalogue import RECIPIENTS, RecipientKind

    return [recipient_topic(settings, r.id) for r in RECIPIENTS.values()
            if r.kind is RecipientKind.AUTHORITY]


def ensure_topics(settings: Settings) -> None:
    """Create the domain, recipient, digests, access-log and dead-letter topics if missing
    (safe to run again)."""
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap_servers,
                             client_id="intyg-admin")
    try:
        existing = set(admin.list_topics())
        wanted = [certificates_topic(settings), dead_letter_topic(settings),
                  digests_topic(settings), access_log_topic(settings),
                  *recipient_topics(settings), orders_topic(settings),
                  *order_answers_topics(settings), fmu_authority_topic(settings),
                  investigations_topic(settings), spaces_topic(settings)]
        new = [NewTopic(name, settings.kafka_partitions, 1, topic_configs=KEEP_FOREVER)
               for name in wanted if name not in existing]
        if new:
            with contextlib.suppress(TopicAlreadyExistsError):  # a concurrent set-up won
                admin.create_topics(new)
            log.info("topics_created", topics=[t.name for t in new])
        _wait_for_leaders(admin, wanted)
    finally:
        admin.close()


def _wait_for_leaders(admin: KafkaAdminClient, topics: list[str], seconds: float = 30) -> None:
    """A new topic takes a moment to elect its partition leaders; producing earlier fails."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        described = admin.describe_topics(topics)
        if all(t.get("partitions") and all(p.get("leader_id", -1) >= 0 for p in t["partitions"])
               and not t.get("error_code") for t in described):
            return
        time.sleep(0.1)
    raise TimeoutError(f"no partition leaders for {topics} after {seconds} s")


def partition_for(key: bytes, partitions: int) -> int:
    """The partition of a key, as Kafka's default partitioner computes it (murmur2)."""
    from kafka.partitioner import murmur2

    return int((murmur2(key) & 0x7FFFFFFF) % partitions)
