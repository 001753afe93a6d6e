"""Receivers for the systems of Pasal 25 that push data: SKP results from
e-Kinerja and fingerprint attendance logs. Only keys that may send data reach
them; the same batch sent twice stores nothing new."""

from __future__ import annotations

import datetime

from ninja import Field, Router, Schema
from pydantic import ConfigDict, field_validator

from smart.api.auth import Caller, writing_key
from smart.api.errors import ERRORS
from smart.api.services import attendance_receive, skp_results_receive

router = Router(tags=["receivers"])

MAX_ROWS = 1000
NIP = Field(pattern=r"^[0-9]{18}$", description="The 18-digit NIP, as text.")


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class SkpRow(Strict):
    nip: str = NIP
    year: int = Field(ge=2000, le=2100)
    rating: str = Field(min_length=1, max_length=40,
                        description="e.g. Sangat Baik, Baik, Butuh Perbaikan, Kurang, Sangat "
                                    "Kurang")
    appraiser_nip: str = Field("", pattern=r"^([0-9]{18})?$")
    appraiser_name: str = Field(min_length=1, max_length=200)


class SkpBatch(Strict):
    source: str = Field("e-Kinerja", min_length=1, max_length=100)
    rows: list[SkpRow] = Field(min_length=1, max_length=MAX_ROWS)


class AttendanceRow(Strict):
    nip: str = NIP
    at: datetime.datetime = Field(
        description="With its UTC offset, e.g. 2026-12-01T07:31:05+07:00.")
    device: str = Field(min_length=1, max_length=60)

    @field_validator("at")
    @classmethod
    def aware(cls, value: datetime.datetime) -> datetime.datetime:
        if value.tzinfo is None:
            raise ValueError("the time needs its UTC offset")
        return value.astimezone(datetime.UTC)


class AttendanceBatch(Strict):
    source: str = Field(min_length=1, max_length=100, description="e.g. the device vendor.")
    rows: list[AttendanceRow] = Field(min_length=1, max_length=MAX_ROWS)


class Refusal(Schema):
    index: int
    nip: str
    reason: str


class Receipt(Schema):
    created: int
    duplicates: int
    refused: list[Refusal]


@router.post("/skp-results", response={200: Receipt, **ERRORS}, summary="Receive SKP results")
def skp_results(request, batch: SkpBatch):
    """At most 1,000 rows; one result per employee, year and source. Unknown NIPs
    (or NIPs outside the key's units) are refused row by row."""
    caller: Caller = request.auth
    received = skp_results_receive(api_key=writing_key(caller), source=batch.source,
                                   rows=batch.rows)
    return received.__dict__


@router.post("/attendance-logs", response={200: Receipt, **ERRORS},
             summary="Receive fingerprint attendance logs")
def attendance_logs(request, batch: AttendanceBatch):
    """At most 1,000 readings; one per employee, time and device."""
    caller: Caller = request.auth
    received = attendance_receive(api_key=writing_key(caller), source=batch.source,
                                  rows=batch.rows)
    return received.__dict__
