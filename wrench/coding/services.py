"""Every change to a site's coding. Admins adapt the spec's lists to their plant here."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from wrench.assets.models import Crew, Site, Trade
from wrench.coding import defaults
from wrench.coding.book import coding_changed
from wrench.coding.failure import FAILURE_CODING
from wrench.coding.models import Characteristic, CodeValue, EffectKey
from wrench.core.errors import Conflict, FieldError, ValidationFailed


@transaction.atomic
def load_default_coding(*, site: Site) -> None:
    """Give `site` the spec's coding tables and resource lists (idempotent).

    Existing characteristics and values are left as the plant adapted them; only missing
    ones are added, so running it again never undoes an admin's edits.
    """
    specs = (*defaults.CHARACTERISTICS, *FAILURE_CODING)  # the spec's tables, then failure
    for position, spec in enumerate(specs, start=1):
        ch, _ = Characteristic.objects.get_or_create(
            site=site,
            key=spec.key,
            defaults={
                "name": spec.name,
                "described": spec.described,
                "required": spec.required,
                "comments": spec.comments,
                "position": position * 10,
            },
        )
        created: dict[str, CodeValue] = {v.abbreviation: v for v in ch.values.all()}
        # Two passes (top-level values, then expanded ones under them), each one bulk
        # insert with its history rows: a new site costs a few queries, not a few hundred.
        for children in (False, True):
            batch = [
                CodeValue(
                    characteristic=ch,
                    abbreviation=value.abbreviation,
                    value=value.value,
                    definition=value.definition,
                    process_effect=value.process_effect,
                    effect_keys=list(value.effect_keys),
                    parent=created.get(value.parent) if value.parent else None,
                    is_default=value.is_default,
                    position=vpos * 10,
                )
                for vpos, value in enumerate(spec.values, start=1)
                if bool(value.parent) == children and value.abbreviation not in created
            ]
            if batch:
                for made in bulk_create_with_history(batch, CodeValue):
                    created[made.abbreviation] = made
    coding_changed(site.pk)  # bulk inserts send no signals
    for code, name in defaults.TRADES:
        Trade.objects.get_or_create(site=site, code=code, defaults={"name": name})
    for code, name in defaults.CREWS:
        Crew.objects.get_or_create(site=site, code=code, defaults={"name": name})


@transaction.atomic
def add_characteristic(
    *, site: Site, key: str, name: str, described: str, required: str = "no", comments: str = ""
) -> Characteristic:
    if Characteristic.objects.filter(site=site, key=key).exists():
        raise Conflict(f"{site.code} already has a characteristic {key!r}")
    ch = Characteristic(
        site=site, key=key, name=name, described=described, required=required, comments=comments
    )
    ch.full_clean(exclude=["site"])
    ch.save()
    return ch


@transaction.atomic
def add_value(
    *,
    characteristic: Characteristic,
    abbreviation: str,
    value: str,
    definition: str,
    process_effect: str = "",
    effect_keys: list[str] | None = None,
    parent: CodeValue | None = None,
) -> CodeValue:
    """Add a value; its definition is what makes the choice unambiguous, so it is required."""
    errors = []
    if not definition.strip():
        errors.append(FieldError("definition", "a value needs a definition users can choose by"))
    unknown = [k for k in effect_keys or [] if k not in EffectKey.values]
    if unknown:
        errors.append(
            FieldError("effect_keys", f"unknown {unknown}; allowed: {', '.join(EffectKey.values)}")
        )
    if characteristic.values.filter(abbreviation=abbreviation).exists():
        errors.append(FieldError("abbreviation", f"{abbreviation} is already in {characteristic}"))
    if parent is not None and parent.characteristic_id != characteristic.pk:
        errors.append(FieldError("parent", "the parent must belong to the same characteristic"))
    if errors:
        raise ValidationFailed.collect(errors, "the value")
    return CodeValue.objects.create(
        characteristic=characteristic,
        abbreviation=abbreviation,
        value=value,
        definition=definition,
        process_effect=process_effect,
        effect_keys=effect_keys or [],
        parent=parent,
    )


@transaction.atomic
def set_value_active(*, value: CodeValue, active: bool) -> CodeValue:
    """Deactivate (or reactivate) a value: work orders keep it, new choices cannot use it."""
    value = CodeValue.objects.select_for_update().get(pk=value.pk)
    value.active = active
    value.save(update_fields=["active"])
    return value


def users_of_value(value: CodeValue) -> list[str]:
    """What refers to `value`, now or in its history: the names (plural) of the other apps'
    tables with a row pointing at it (work orders, their extra codes, …).

    Read from the models' reverse relations, so coding needs no app above it and a new app's
    table counts without a line here. History tables count as the table they are the history
    of: simple-history keeps an old value there without a database constraint, so PROTECT
    alone would not see a work order that has since moved to another value."""
    names: list[str] = []
    for rel in CodeValue._meta.get_fields(include_hidden=True):
        if not (rel.is_relation and rel.auto_created and not rel.concrete):
            continue  # only the reverse side of a foreign key to CodeValue
        model = rel.related_model
        if not isinstance(model, type) or model._meta.app_label == "coding":
            continue  # values under a parent are PROTECTed; a value's own history is not a use
        owner = getattr(model, "instance_type", model)  # a history table → what it records
        name = str(owner._meta.verbose_name_plural)
        field = rel.field.name  # type: ignore[union-attr]
        if name not in names and model._base_manager.filter(**{field: value.pk}).exists():
            names.append(name)
    return names


@transaction.atomic
def delete_value(*, value: CodeValue) -> None:
    """Delete a value nothing ever used; otherwise refuse and advise deactivation."""
    users = users_of_value(value)
    if users:
        raise Conflict(
            f"{value.abbreviation} ({value.value}) is used by {', '.join(users)} (now or in "
            "their history) and can never be deleted; deactivate it instead"
        )
    value.delete()


@transaction.atomic
def create_site(*, actor: Any, code: str, name: str, **fields: Any) -> Site:
    """A new site with the spec's default coding loaded at once (never a site without urgency
    codes); the actor, unless a superuser, becomes one of its people so they can manage it."""
    if Site.objects.filter(code=code).exists():
        raise Conflict(f"site {code!r} exists already")
    site = Site(code=code, name=name, **fields)
    try:
        site.full_clean(validate_unique=False)
    except DjangoValidationError as exc:
        errors = [FieldError(f, " ".join(m)) for f, m in exc.message_dict.items()]
        raise ValidationFailed.collect(errors, what=f"site {code!r}") from exc
    site.save()
    load_default_coding(site=site)
    if actor is not None and not getattr(actor, "is_superuser", True):
        actor.sites.add(site)
    return site
