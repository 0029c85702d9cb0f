"""Settings from environment variables prefixed ``INTYG_``; built once per process in main()."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from commands.stored_history import MAPPER_TOPIC, SEALING_ENV, sealing_handle
from domain.orders.calendar import BusinessCalendar, parse_vacation_iso_weeks

DEV_JWT_SECRET = "embedded-development-secret-not-for-production"  # noqa: S105
_PLACEHOLDERS = {"", "changeme", "changethis", "secret", DEV_JWT_SECRET}


class Settings(BaseSettings):
    """Every knob of the ledger. ``mode`` picks the embedded default or production."""

    model_config = SettingsConfigDict(env_prefix="INTYG_", extra="ignore")

    mode: Literal["embedded", "production"] = "embedded"
    data_dir: Path = Path("var")

    postgres_host: str = "127.0.0.1"
    postgres_port: int = 5432
    postgres_db: str = "intyg"
    postgres_user: str = "intyg"
    postgres_password: SecretStr = SecretStr("intyg")
    postgres_pool_size: int = 5
    postgres_schema: str = ""

    cipher_key: SecretStr | None = None

    jwt_algorithm: Literal["HS256", "RS256"] = "HS256"
    jwt_secret: SecretStr = SecretStr(DEV_JWT_SECRET)
    jwt_public_key: str | None = None
    jwt_issuer: str = "intyg"
    jwt_max_lifetime_hours: float = Field(default=12.0, gt=0, le=24 * 7)

    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    kafka_partitions: int = 3
    kafka_topic_prefix: str = ""
    relay_in_serve: bool = True
    projections_in_serve: bool = True
    # The read models run in processes of their own (`intyg run`): serve reads them only.
    projections_elsewhere: bool = False
    # Each view's processes share the topic's partitions in a Kafka consumer group.
    view_groups: bool = False
    read_wait_seconds: float = Field(default=5.0, ge=0, le=30)
    read_waiters: int = Field(default=16, ge=0, le=32)
    max_body_bytes: int = Field(default=1_048_576, ge=1024, le=64 * 1_048_576)
    max_upload_bytes: int = Field(default=10_485_760, ge=1024, le=64 * 1_048_576)
    statistics_key: SecretStr | None = None
    patient_index_key: SecretStr | None = None
    master_key: SecretStr | None = None

    digest_signing_key: SecretStr | None = None
    digest_retired_public_keys: str = Field(default="", max_length=4096)
    digest_in_serve: bool = False
    digest_interval_seconds: float = Field(default=60.0, gt=0, le=86_400)

    log_format: Literal["auto", "json", "console"] = "auto"

    orders_vacation_iso_weeks: str = "29-31,51-52"
    smtp_host: str = ""
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_from: str = "intyg@localhost"
    smtp_timeout_seconds: float = Field(default=10.0, gt=0, le=300)
    mail_link_base: str = "https://intyg.example/bestallningar/"
    mail_interval_seconds: float = Field(default=60.0, gt=0, le=86_400)
    fmu_mail_addresses: dict[str, str] = Field(default_factory=dict)
    fmu_mail_link_base: str = "https://intyg.example/utredningar/"
    space_mail_link_base: str = "https://intyg.example/samverkan/"

    @property
    def is_production(self) -> bool:
        return self.mode == "production"

    @property
    def pseudonym_key(self) -> str:
        """The key of the statistics pseudonyms: INTYG_STATISTICS_KEY, else derived from the
        cipher key (production always has one), else a development constant."""
        if self.statistics_key is not None:
            return self.statistics_key.get_secret_value()
        if self.cipher_key is not None and self.cipher_key.get_secret_value():
            secret = self.cipher_key.get_secret_value().encode()
            return hmac.new(secret, b"intyg-statistik", hashlib.sha256).hexdigest()
        return "embedded-statistics-pseudonym-key"

    @property
    def patient_index_secret(self) -> str:
        """The key of the patients' blind index in the access log: INTYG_PATIENT_INDEX_KEY,
        else derived from the cipher key (production always has one), else a development
        constant."""
        if self.patient_index_key is not None and self.patient_index_key.get_secret_value():
            return self.patient_index_key.get_secret_value()
        if self.cipher_key is not None and self.cipher_key.get_secret_value():
            secret = self.cipher_key.get_secret_value().encode()
            return hmac.new(secret, b"intyg-patient-index", hashlib.sha256).hexdigest()
        return "embedded-patient-index-key"

    @property
    def business_calendar(self) -> BusinessCalendar:
        """The orders' business days: no holidays, and no day of these ISO weeks, any year."""
        return BusinessCalendar(parse_vacation_iso_weeks(self.orders_vacation_iso_weeks))

    @property
    def master_key_bytes(self) -> bytes:
        """The 32-byte master key that wraps the patients' data keys: INTYG_MASTER_KEY (base64),
        else derived from the cipher key (production always has one), else a development
        constant."""
        if self.master_key is not None and self.master_key.get_secret_value():
            return base64.b64decode(self.master_key.get_secret_value())
        if self.cipher_key is not None and self.cipher_key.get_secret_value():
            secret = self.cipher_key.get_secret_value().encode()
            return hmac.new(secret, b"intyg-master-key", hashlib.sha256).digest()
        return hashlib.sha256(b"embedded-master-key").digest()

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "intyg.sqlite"

    @model_validator(mode="after")
    def _refuse_unreadable_vacation_weeks(self) -> Settings:
        try:
            parse_vacation_iso_weeks(self.orders_vacation_iso_weeks)
        except ValueError:
            raise ValueError("INTYG_ORDERS_VACATION_ISO_WEEKS must list ISO weeks 1-53, e.g. "
                             "29-31,51-52.") from None
        return self

    @model_validator(mode="after")
    def _refuse_malformed_master_key(self) -> Settings:
        key = self.master_key.get_secret_value() if self.master_key is not None else ""
        if key and len(_base64_or_empty(key)) != 32:
            raise ValueError("INTYG_MASTER_KEY must be 32 bytes in base64; make one with "
                             "`intyg keygen`.")
        return self

    @model_validator(mode="after")
    def _refuse_digest_without_key(self) -> Settings:
        key = self.digest_signing_key
        if self.digest_in_serve and (key is None or not key.get_secret_value()):
            raise ValueError("INTYG_DIGEST_IN_SERVE needs INTYG_DIGEST_SIGNING_KEY; make one "
                             "with `intyg digest-keygen`.")
        return self

    @model_validator(mode="after")
    def _refuse_malformed_retired_keys(self) -> Settings:
        keys = [k.strip() for k in self.digest_retired_public_keys.split(",") if k.strip()]
        if any(len(_base64_or_empty(key)) != 32 for key in keys):
            raise ValueError("INTYG_DIGEST_RETIRED_PUBLIC_KEYS takes base64 Ed25519 public keys "
                             "(32 bytes each), comma-separated.")
        return self

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Settings:
        if not self.is_production:
            return self
        if self.cipher_key is None or not self.cipher_key.get_secret_value():
            raise ValueError(
                "Production mode needs INTYG_CIPHER_KEY (event payloads are encrypted at rest); "
                "make one with `intyg keygen`."
            )
        if self.jwt_algorithm == "HS256" and self.jwt_secret.get_secret_value() in _PLACEHOLDERS:
            raise ValueError("Production mode needs a real INTYG_JWT_SECRET, not a placeholder.")
        if self.jwt_algorithm == "RS256" and not self.jwt_public_key:
            raise ValueError("INTYG_JWT_ALGORITHM=RS256 needs INTYG_JWT_PUBLIC_KEY (PEM).")
        return self


def _base64_or_empty(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return b""


def eventsourcing_env(settings: Settings) -> dict[str, str]:
    """The eventsourcing library's environment for the chosen mode."""
    cipher = {**_cipher_env(settings), SEALING_ENV: sealing_handle(settings)}
    if not settings.is_production:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        return {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(settings.sqlite_path),
            "SQLITE_LOCK_TIMEOUT": "10",
            **cipher,
        }
    return {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_HOST": settings.postgres_host,
        "POSTGRES_PORT": str(settings.postgres_port),
        "POSTGRES_DBNAME": settings.postgres_db,
        "POSTGRES_USER": settings.postgres_user,
        "POSTGRES_PASSWORD": settings.postgres_password.get_secret_value(),
        "POSTGRES_POOL_SIZE": str(settings.postgres_pool_size),
        **({"POSTGRES_SCHEMA": settings.postgres_schema} if settings.postgres_schema else {}),
        **cipher,
    }


def _cipher_env(settings: Settings) -> dict[str, str]:
    """Encrypt event state at rest whenever a key is configured (always in production); a row
    that does not read back is named by its ids (``commands.stored_history``)."""
    if settings.cipher_key is None or not settings.cipher_key.get_secret_value():
        return {"MAPPER_TOPIC": MAPPER_TOPIC}
    return {
        "MAPPER_TOPIC": MAPPER_TOPIC,
        "CIPHER_TOPIC": "eventsourcing.cryptography:AESCipher",
        "CIPHER_KEY": settings.cipher_key.get_secret_value(),
    }
