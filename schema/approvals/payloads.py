"""Mutation payloads: the changed record, or the expected errors with localized messages."""

from __future__ import annotations

from typing import Self

import strawberry

from domain.approvals.models import Application, Objection
from domain.errors import DomainError
from resolvers.approvals.mutations import Outcome
from resolvers.context import Info
from schema.approvals.enums import ApprovalErrorCodeEnum
from schema.approvals.types import ApplicationType, ObjectionRecord
from schema.messages import payload_message


@strawberry.type(description="An expected failure: the input path at fault, a stable code and a localized message.")
class ApprovalError:
    field: str | None = strawberry.field(description="Input path at fault, e.g. input.spec.storeys.")
    code: ApprovalErrorCodeEnum  # type: ignore[valid-type]
    message: str = strawberry.field(description="What is wrong and how to fix it, in zh-CN or English.")

    @classmethod
    def from_domain(cls, error: DomainError, info: Info) -> Self:
        return cls(
            field=error.field,
            code=error.code,
            message=payload_message(error.code, info.context.locale, error.field, **error.params),
        )


def _errors(outcome: Outcome[object], info: Info) -> list[ApprovalError]:
    return [ApprovalError.from_domain(error, info) for error in outcome.errors]


@strawberry.type
class ApplicationPayload:
    application: ApplicationType | None
    errors: list[ApprovalError]

    @classmethod
    def from_outcome(cls, outcome: Outcome[Application], info: Info) -> Self:
        application = ApplicationType.from_model(outcome.result) if outcome.result else None
        return cls(application=application, errors=_errors(outcome, info))  # type: ignore[arg-type]


@strawberry.type
class ApplicationSubmitPayload(ApplicationPayload):
    pass


@strawberry.type
class ApplicationResubmitPayload(ApplicationPayload):
    pass


@strawberry.type
class ApplicationPassPayload(ApplicationPayload):
    pass


@strawberry.type
class ApplicationReturnPayload(ApplicationPayload):
    pass


@strawberry.type
class ApplicationRejectPayload(ApplicationPayload):
    pass


@strawberry.type
class ApplicationWithdrawPayload(ApplicationPayload):
    pass


@strawberry.type
class ObjectionPayload:
    objection: ObjectionRecord | None
    errors: list[ApprovalError]

    @classmethod
    def from_outcome(cls, outcome: Outcome[Objection], info: Info) -> Self:
        objection = ObjectionRecord.from_model(outcome.result) if outcome.result else None
        return cls(objection=objection, errors=_errors(outcome, info))  # type: ignore[arg-type]


@strawberry.type
class ObjectionRecordPayload(ObjectionPayload):
    pass


@strawberry.type
class ObjectionResolvePayload(ObjectionPayload):
    pass
