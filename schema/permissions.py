"""Role-based access declared on fields and mutations, and shown in their descriptions.

Every root field and mutation carries ``allow(...)``. A request without a valid token gets a
top-level error with ``extensions.code`` UNAUTHENTICATED, and a role not listed gets
FORBIDDEN. Jurisdiction (which records a role may see) is applied by the resolvers'
queries and by the domain services.
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError
from strawberry.permission import BasePermission

from core.i18n import Locale
from domain.accounts.actor import STAFF_ROLES
from domain.accounts.models import Role
from resolvers.context import Info
from schema.labels import ROLE_LABELS
from schema.messages import request_message

ALL_USER_ROLES = frozenset(Role)
STAFF = STAFF_ROLES
# Roles that may see personal data unmasked; every unmasked read is audited.
FULL_VIEW_ROLES = frozenset(
    {
        Role.FARMER,
        Role.GRID_WORKER,
        Role.VILLAGE_COMMITTEE,
        Role.TOWNSHIP_STAFF,
        Role.TOWNSHIP_LEADER,
        Role.COUNTY_AGRICULTURE,
        Role.COUNTY_NATURAL_RESOURCES,
        Role.ENFORCEMENT_OFFICER,
    }
)


def roles_note(roles: frozenset[Role] | set[Role]) -> str:
    names = ", ".join(sorted(role.value for role in roles))
    return f" Allowed roles: {names}."


def allow(*roles: Role | frozenset[Role]) -> type[BasePermission]:
    """Build a permission class admitting the given roles (deny by default)."""
    allowed: set[Role] = set()
    for item in roles:
        allowed |= {item} if isinstance(item, Role) else set(item)

    class RolePermission(BasePermission):
        message = "Forbidden"

        def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
            context = info.context
            if context.actor is None:
                raise GraphQLError(
                    request_message("UNAUTHENTICATED", context.locale),
                    extensions={"code": "UNAUTHENTICATED"},
                )
            if context.actor.role not in allowed:
                raise GraphQLError(
                    request_message(
                        "FORBIDDEN",
                        context.locale,
                        field=info.field_name,
                        roles=_role_names(allowed, context.locale),
                    ),
                    extensions={"code": "FORBIDDEN", "allowedRoles": sorted(role.name for role in allowed)},
                )
            return True

    RolePermission.__name__ = "Allow" + "".join(role.name.title().replace("_", "") for role in sorted(allowed))
    RolePermission.allowed_roles = frozenset(allowed)  # type: ignore[attr-defined]
    return RolePermission


def _role_names(roles: set[Role], locale: Locale) -> str:
    separator = "、" if locale is Locale.ZH_CN else ", "
    return separator.join(ROLE_LABELS[role][locale] for role in sorted(roles))
