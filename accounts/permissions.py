"""Who may see and do what: the one permission module.

A person's :class:`Scope` is the union of their role assignments. Rules are
named predicates ``(user, obj) -> bool`` registered with :func:`rule`; every
page, endpoint, export and service asks :func:`can`. Apps register their own
rules in their ``rules.py``, which their AppConfig imports at start-up.
"""

from dataclasses import dataclass, field

from accounts.roles import COMPANY_ROLES, OFFICIAL_ROLES, SCOPE_OF_ROLE, Role, ScopeKind

_RULES = {}


@dataclass
class Scope:
    roles: set = field(default_factory=set)
    city: bool = False
    district_ids: set = field(default_factory=set)
    subdistrict_ids: set = field(default_factory=set)
    company_ids: set = field(default_factory=set)
    estate_ids: set = field(default_factory=set)
    partner_ids: set = field(default_factory=set)
    affiliated_company_ids: set = field(default_factory=set)
    household_id: int | None = None

    def has(self, *roles):
        return bool(self.roles.intersection(roles))

    @property
    def is_official(self):
        return bool(self.roles & OFFICIAL_ROLES)

    @property
    def is_company_staff(self):
        return bool(self.roles & COMPANY_ROLES)


def scope_of(user):
    """The scope of ``user``, computed once per user object."""
    if user is None or not user.is_authenticated:
        return Scope()
    cached = getattr(user, "_hgj_scope", None)
    if cached is not None:
        return cached
    scope = Scope(household_id=user.household_id)
    if user.is_superuser:
        scope.roles.add(Role.SYSTEM_ADMIN)
        scope.city = True
    for assignment in user.roles.all():
        role = Role(assignment.role)
        scope.roles.add(role)
        kind = SCOPE_OF_ROLE[role]
        if kind == ScopeKind.CITY:
            scope.city = scope.city or role in OFFICIAL_ROLES
            if assignment.company_id:
                scope.affiliated_company_ids.add(assignment.company_id)
        elif kind == ScopeKind.DISTRICT:
            scope.district_ids.add(assignment.district_id)
        elif kind == ScopeKind.SUBDISTRICT:
            scope.subdistrict_ids.add(assignment.subdistrict_id)
        elif kind == ScopeKind.COMPANY:
            scope.company_ids.add(assignment.company_id)
            scope.affiliated_company_ids.add(assignment.company_id)
            # Kept for an estate manager's estate, but no selector narrows
            # the company scope to it yet: they see the company's estates.
            if assignment.estate_id:
                scope.estate_ids.add(assignment.estate_id)
        elif kind == ScopeKind.PARTNER:
            scope.partner_ids.add(assignment.partner_id)
    user._hgj_scope = scope
    return scope


def rule(name):
    """Register the decorated predicate as the rule ``name``."""

    def register(predicate):
        if name in _RULES:
            raise ValueError(f"rule {name} is registered twice")
        _RULES[name] = predicate
        return predicate

    return register


def can(user, name, obj=None):
    """Whether ``user`` may do ``name`` (to ``obj``)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(_RULES[name](user, obj))


def rule_names():
    return sorted(_RULES)


def is_conflicted(user, company_id, *, submitter_id=None):
    """True when ``user`` may not judge an entry nor see its scores: they
    submitted it themselves (``submitter_id``), or they work for the company
    it names (``company_id``). The first holds whatever company the entry
    names, or none."""
    if submitter_id is not None and submitter_id == user.pk:
        return True
    return (
        company_id is not None and company_id in scope_of(user).affiliated_company_ids
    )


@rule("places.view_estate")
def _view_estate(user, estate):
    from places.selectors import estates_visible_to

    return estates_visible_to(user).filter(pk=estate.pk).exists()


@rule("places.import_estates")
def _import_estates(user, _obj):
    return scope_of(user).has(
        Role.CITY_OFFICER, Role.DISTRICT_OFFICER, Role.SYSTEM_ADMIN
    )


@rule("console.enter")
def _enter_console(user, _obj):
    scope = scope_of(user)
    return bool(scope.roles - {Role.RESIDENT})
