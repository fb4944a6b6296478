"""Export a whole account to a zip and import one: the one code path behind the page, the API and the CLI.

Rows are read with ``_base_manager`` filtered by their path to the owner (``owner`` or ``parent__owner``): the
walk covers child models that have no scoped manager, and every query names the one user it reads.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, IntegrityError, models, transaction
from django.utils import timezone

from medpath import __version__
from medpath.accounts.models import SignedLink, User, normalize_email
from medpath.archive.package import FORMAT_VERSION, ArchiveRefused, Member, read_zip, write_zip
from medpath.archive.records import (
    LINK_FIELDS,
    ME,
    Kind,
    data_fields,
    field_description,
    kinds,
    label_of,
    m2m_fields,
    member_path,
    plain,
)
from medpath.archive.registry import PROFILE_FIELDS, SoftReference, kind_hooks, soft_references

USER_FILE = "records/accounts.user.json"


def archive_max_bytes() -> int:
    """The largest archive this server reads (setting ``MEDPATH_ARCHIVE_MAX_MB``)."""
    return int(settings.MEDPATH_ARCHIVE_MAX_MB) * 1024 * 1024


def _rows(kind: Kind, user: User) -> models.QuerySet[Any]:
    return kind.model._base_manager.filter(**{kind.owner_path: user}).order_by("pk")


def account_is_empty(*, user: User) -> bool:
    """No record of any kind is owned by ``user`` (the profile does not count): an import may fill it."""
    return not any(_rows(kind, user).exists() for kind in kinds())


def imported_summary(*, user: User) -> dict[str, Any]:
    """What ``user``'s account holds after an import: records per kind (kinds with none left out) and uploaded files."""
    records: dict[str, int] = {}
    files = 0
    for kind in kinds():
        rows = _rows(kind, user)
        count = rows.count()
        if count:
            records[kind.label] = count
            for f in data_fields(kind.model):
                if isinstance(f, models.FileField):
                    files += rows.exclude(**{f.attname: ""}).exclude(**{f"{f.attname}__isnull": True}).count()
    return {"email": user.email, "records": records, "files": files}


def _profile(user: User) -> dict[str, Any]:
    return {"id": ME, **{name: plain(getattr(user, name)) for name in PROFILE_FIELDS}}


def _link_state(link: SignedLink) -> dict[str, Any]:
    return {name: plain(getattr(link, name)) for name in LINK_FIELDS}


def archive_members(*, user: User) -> list[Member]:
    """Every member of ``user``'s archive except the manifest."""
    all_kinds = kinds()
    labels = {kind.label for kind in all_kinds}
    local: dict[str, dict[int, int]] = {}
    rows: dict[str, list[Any]] = {}
    for kind in all_kinds:
        rows[kind.label] = list(_rows(kind, user))
        local[kind.label] = {row.pk: number for number, row in enumerate(rows[kind.label], start=1)}
    members = [_json_member(USER_FILE, {"kind": "accounts.user", "format_version": FORMAT_VERSION, "records": [_profile(user)]})]
    for kind in all_kinds:
        hooks = kind_hooks(kind.label)
        records = []
        links = {
            f.name: {
                link.pk: link
                for link in SignedLink.objects.for_user(user).filter(pk__in=[getattr(r, f.attname) for r in rows[kind.label]])
            }
            for f in data_fields(kind.model)
            if f.is_relation and f.related_model is SignedLink
        }
        for row in rows[kind.label]:
            number = local[kind.label][row.pk]
            record: dict[str, Any] = {"id": number}
            for f in data_fields(kind.model):
                value = getattr(row, f.attname)
                target = label_of(f.related_model) if f.is_relation and f.related_model else None
                if value is None:
                    record[f.name] = None
                elif f.is_relation and f.related_model is User:
                    record[f.name] = ME
                elif target == "accounts.signedlink":
                    record[f.name] = _link_state(links[f.name][value])
                elif target in labels:
                    record[f.name] = local[str(target)][value]
                elif isinstance(f, models.FileField):
                    if value:
                        path = member_path(kind, number, f.name, str(value.name))
                        with value.open("rb") as stream:
                            members.append(Member(path, stream.read()))
                        record[f.name] = path
                    else:
                        record[f.name] = ""
                else:
                    record[f.name] = plain(value)
            for f in m2m_fields(kind.model):
                target = label_of(f.related_model)
                ids = getattr(row, f.name).values_list("pk", flat=True)
                record[f.name] = sorted(local[target][pk] for pk in ids)
            for reference in soft_references(kind.label):
                soft_target = reference.target_of(record)
                kept = record.get(reference.field)
                record[reference.field] = local.get(soft_target or "", {}).get(kept) if kept is not None else None
            records.append(hooks.export_record(row, record) if hooks else record)
        fields = {f.name: field_description(f, labels) for f in data_fields(kind.model)}
        fields.update({f.name: f"ids of records in records/{label_of(f.related_model)}.json" for f in m2m_fields(kind.model)})
        fields.update(
            {
                reference.field: "id of a record in "
                + " or ".join(f"records/{target}.json" for target in reference.targets)
                + ", or null when it points at none"
                for reference in soft_references(kind.label)
            }
        )
        if hooks:
            fields.update(hooks.notes)
        body = {"kind": kind.label, "format_version": FORMAT_VERSION, "fields": fields, "records": records}
        members.append(_json_member(kind.filename, body))
    return members


def _json_member(path: str, body: dict[str, Any]) -> Member:
    return Member(path, json.dumps(body, indent=1, ensure_ascii=False, sort_keys=True).encode())


def archive_export(*, user: User, target: IO[bytes]) -> None:
    """Write ``user``'s full archive (records, uploaded files, manifest with checksums) into ``target``."""
    fields = {"medpath_version": __version__, "created_at": timezone.now().isoformat(), "email": user.email}
    write_zip(target, fields, archive_members(user=user))


def archive_filename(user: User) -> str:
    return f"medpath-archive-{timezone.localdate().isoformat()}.zip"


# --- import ---------------------------------------------------------------------------------------------------


def _load_json(contents: dict[str, bytes], path: str) -> dict[str, Any]:
    try:
        body = json.loads(contents[path])
    except (ValueError, UnicodeDecodeError):
        raise ArchiveRefused(f"{path} is not valid JSON.", "tampered") from None
    if not isinstance(body, dict) or not isinstance(body.get("records"), list):
        raise ArchiveRefused(f"{path} has no list of records.", "tampered")
    version = body.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ArchiveRefused(
            f"{path} has format version {version!r}; this MedPath reads up to {FORMAT_VERSION}.", "newer_version"
        )
    return body


def _field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    f = model._meta.get_field(name)
    assert isinstance(f, models.Field)
    return f


def _value(f: models.Field[Any, Any], raw: Any, where: str) -> Any:
    if raw is None:
        if not f.null:
            raise ArchiveRefused(f"{where}: {f.name} is empty but must have a value.", "invalid_record")
        return None
    if isinstance(f, models.JSONField):
        return raw
    try:
        return f.to_python(raw)
    except Exception:
        raise ArchiveRefused(f"{where}: {f.name} has a value MedPath cannot read: {raw!r}.", "invalid_record") from None


def archive_import(*, source: IO[bytes], email: str | None = None, into: User | None = None) -> User:
    """Create the account of the archive in ``source`` (as ``email`` when given), or fill ``into`` when it has no
    records; all in one transaction, files written last and removed if anything fails. ``ArchiveRefused`` says why
    nothing was imported. A new account gets an unusable password: its owner sets one by password reset."""
    _manifest, contents = read_zip(source, max_bytes=archive_max_bytes())
    all_kinds = {kind.label: kind for kind in kinds()}
    known_files = {USER_FILE} | {kind.filename for kind in all_kinds.values()}
    unknown = sorted(p for p in contents if p.startswith("records/") and p not in known_files)
    if unknown:
        raise ArchiveRefused(
            f"{unknown[0]} holds a kind of record this MedPath does not know; upgrade MedPath, then import it.", "unknown_kind"
        )
    strays = sorted(p for p in contents if not p.startswith(("records/", "files/")))
    if strays:
        raise ArchiveRefused(f"The archive holds a file outside records/ and files/: {strays[0]}.", "tampered")
    if USER_FILE not in contents:
        raise ArchiveRefused(f"The archive has no {USER_FILE}.", "tampered")
    profile_rows = _load_json(contents, USER_FILE)["records"]
    if len(profile_rows) != 1 or not isinstance(profile_rows[0], dict):
        raise ArchiveRefused(f"{USER_FILE} must hold exactly one profile.", "tampered")
    bodies = {label: _load_json(contents, kind.filename) for label, kind in all_kinds.items() if kind.filename in contents}
    written: list[str] = []
    try:
        with transaction.atomic():
            user = _account(profile_rows[0], email=email, into=into)
            plan = _insert_records(user, all_kinds, bodies, contents)
            for name, data, instance, f in plan:  # the database part is done: now the files, inside the transaction
                if not default_storage.exists(name):
                    written.append(name)  # removed on failure even if the write itself fails half-way
                saved = default_storage.save(name, ContentFile(data))
                written.append(saved)
                if saved != name:
                    type(instance)._base_manager.filter(pk=instance.pk).update(**{f.attname: saved})
    except IntegrityError as error:
        _remove(written)
        raise ArchiveRefused(
            f"The archive's records contradict each other or this instance's data ({error}).", "invalid_record"
        ) from None
    except (DatabaseError, OverflowError) as error:  # a value the database cannot hold, past the model's checks
        _remove(written)
        raise ArchiveRefused(f"The archive holds a value the database cannot store ({error}).", "invalid_record") from None
    except BaseException:
        _remove(written)
        raise
    return user


def _remove(names: list[str]) -> None:
    for name in dict.fromkeys(names):
        if default_storage.exists(name):
            default_storage.delete(name)


def _account(profile: dict[str, Any], *, email: str | None, into: User | None) -> User:
    values = {name: profile[name] for name in PROFILE_FIELDS if name in profile}
    unknown = set(profile) - set(PROFILE_FIELDS) - {"id"}
    if unknown:
        raise ArchiveRefused(
            f"{USER_FILE} has fields this MedPath does not know: {', '.join(sorted(unknown))}.", "invalid_record"
        )
    if into is not None:
        # The account's row lock, held to the end of the import: a second import waits, then finds it not empty
        # (tests/archive/test_races.py).
        user = User.objects.select_for_update().get(pk=into.pk)
        if not account_is_empty(user=user):
            raise ArchiveRefused(
                "This account already has records; an archive is imported only into an empty account, so nothing is "
                "overwritten. Import it into a new account (sign up with another address) instead.",
                "not_empty",
            )
        values.pop("email", None)
    else:
        address = normalize_email(email or str(values.get("email", "")))
        if not address:
            raise ArchiveRefused("The archive names no e-mail address; give one with --as.", "invalid_record")
        user = User.objects.select_for_update().filter(email__iexact=address).first() or User(email=address)
        if user.pk is not None and not account_is_empty(user=user):
            raise ArchiveRefused(
                f"{address} already has records in MedPath; an archive is imported only into a new or empty account, "
                "so nothing is overwritten.",
                "not_empty",
            )
        values["email"] = address
        if user.pk is None:
            user.set_unusable_password()
    for name, raw in values.items():
        setattr(user, name, _value(_field(User, name), raw, USER_FILE))
    try:
        user.full_clean(exclude=["password"])
    except Exception as error:
        raise ArchiveRefused(f"{USER_FILE}: the profile is not valid ({error}).", "invalid_record") from None
    user.save()
    return user


def _insert_records(
    user: User, all_kinds: dict[str, Kind], bodies: dict[str, dict[str, Any]], contents: dict[str, bytes]
) -> list[tuple[str, bytes, Any, Any]]:
    """Insert every record (parents first), ids remapped; the files to write once all rows are in."""
    new_pk: dict[str, dict[int, int]] = defaultdict(dict)
    files: list[tuple[str, bytes, Any, Any]] = []
    m2m_later: list[tuple[Kind, Any, dict[str, Any]]] = []
    used_members: set[str] = set()
    for kind in all_kinds.values():
        body = bodies.get(kind.label)
        if body is None:
            continue
        hooks = kind_hooks(kind.label)
        fields = {f.name: f for f in data_fields(kind.model)}
        many = {f.name: f for f in m2m_fields(kind.model)}
        instances: list[Any] = []
        locals_: list[Any] = []
        pending_files: list[tuple[int, Any, str]] = []
        for index, raw in enumerate(body["records"], start=1):
            where = f"{kind.filename}, record {index}"
            if not isinstance(raw, dict) or not isinstance(raw.get("id"), int) or isinstance(raw.get("id"), bool):
                raise ArchiveRefused(f"{where} has no numeric id.", "invalid_record")
            try:
                record = hooks.import_record(dict(raw)) if hooks else dict(raw)
            except (ArchiveRefused, KeyboardInterrupt):
                raise
            except Exception:  # a hook reads a shape it was not given: the record is not one MedPath wrote
                raise ArchiveRefused(f"{where} does not have the shape {kind.label} records have.", "invalid_record") from None
            extra = set(record) - set(fields) - set(many) - {"id"}
            if extra:
                raise ArchiveRefused(
                    f"{where} has fields this MedPath does not know: {', '.join(sorted(extra))}.", "invalid_record"
                )
            values: dict[str, Any] = {}
            for name, f in fields.items():
                if name not in record:
                    if not f.has_default() and not f.null and not f.blank:
                        raise ArchiveRefused(f"{where} lacks {name}.", "invalid_record")
                    continue
                raw_value = record[name]
                target = label_of(f.related_model) if f.is_relation and f.related_model else None
                if raw_value is None:
                    values[f.attname] = _value(f, None, where)
                elif f.is_relation and f.related_model is User:
                    if raw_value != ME:
                        raise ArchiveRefused(f'{where}: {name} must be "me".', "invalid_record")
                    values[f.attname] = user.pk
                elif target == "accounts.signedlink":
                    values[f.attname] = _inert_link(user, raw_value, where).pk
                elif target in all_kinds:
                    mapped = new_pk[str(target)].get(raw_value) if isinstance(raw_value, int) else None
                    if mapped is None:
                        raise ArchiveRefused(
                            f"{where}: {name} points at record {raw_value!r} of {target}, which the archive lacks.",
                            "invalid_record",
                        )
                    values[f.attname] = mapped
                elif isinstance(f, models.FileField):
                    if raw_value:
                        if raw_value not in contents or not str(raw_value).startswith("files/") or raw_value in used_members:
                            raise ArchiveRefused(f"{where}: its file {raw_value!r} is not in the archive.", "invalid_record")
                        used_members.add(raw_value)
                        pending_files.append((len(instances), f, raw_value))
                    values[f.attname] = ""
                else:
                    values[f.attname] = _value(f, raw_value, where)
            for reference in soft_references(kind.label):
                values[fields[reference.field].attname] = _soft_value(reference, record, new_pk, where)
            if "owner" in {f.name for f in kind.model._meta.concrete_fields}:
                values["owner_id"] = user.pk
            instance = kind.model(**values)
            _check_values(instance, where)
            instances.append(instance)
            locals_.append(record["id"])
            m2m_later.append((kind, instance, {name: record.get(name, []) for name in many}))
        planned = []
        for position, f, member in pending_files:
            name = f.generate_filename(instances[position], member.rsplit("/", 1)[-1])
            setattr(instances[position], f.attname, name)
            planned.append((position, f, member, name))
        created = kind.model._base_manager.bulk_create(instances, batch_size=500)
        if len(set(locals_)) != len(locals_):
            raise ArchiveRefused(f"{kind.filename} uses the same id twice.", "invalid_record")
        for local_id, instance in zip(locals_, created, strict=True):
            new_pk[kind.label][local_id] = instance.pk
        _restore_auto_times(kind, fields, created, body["records"])
        files.extend((name, contents[member], created[position], f) for position, f, member, name in planned)
    leftover = sorted(p for p in contents if p.startswith("files/") and p not in used_members)
    if leftover:
        raise ArchiveRefused(f"{leftover[0]} belongs to no record.", "tampered")
    for kind, instance, lists in m2m_later:
        for name, ids in lists.items():
            relation = kind.model._meta.get_field(name)
            target = label_of(relation.related_model)  # type: ignore[arg-type]
            if not isinstance(ids, list) or any(new_pk[target].get(i) is None for i in ids):
                raise ArchiveRefused(f"{kind.filename}: {name} points at records the archive lacks.", "invalid_record")
            getattr(instance, name).set([new_pk[target][i] for i in ids])
    return files


def _check_values(instance: models.Model, where: str) -> None:
    """The field checks of the model (choices, lengths, validators, ranges) on a record read from an archive, which
    anyone may have edited; keys and files are checked where they are mapped, and JSON documents (which may be
    empty where the model says ``blank=False``) by the pillar that reads them."""
    skip = [
        f.name
        for f in type(instance)._meta.concrete_fields
        if f.is_relation or f.primary_key or isinstance(f, models.FileField | models.JSONField)
    ]
    try:
        instance.clean_fields(exclude=skip)
    except ValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        raise ArchiveRefused(f"{where}: {name}: {' '.join(messages)}", "invalid_record") from None


def _soft_value(reference: SoftReference, record: dict[str, Any], new_pk: dict[str, dict[int, int]], where: str) -> Any:
    """The new id of the record a plain-number field points at, or None when the archive does not hold it."""
    raw = record.get(reference.field)
    if raw is None:
        return None
    if not isinstance(raw, int) or isinstance(raw, bool):
        raise ArchiveRefused(f"{where}: {reference.field} must be a record's id or null, not {raw!r}.", "invalid_record")
    target = reference.target_of(record)
    return new_pk[target].get(raw) if target else None


def _restore_auto_times(kind: Kind, fields: dict[str, Any], created: list[Any], records: list[Any]) -> None:
    """Fields stamped on save (``auto_now``) get the archive's value back: an import changes nothing."""
    stamped = [f for f in fields.values() if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    for f in stamped:
        for instance, record in zip(created, records, strict=True):
            if record.get(f.name) is not None:
                value = _value(f, record[f.name], kind.filename)
                kind.model._base_manager.filter(pk=instance.pk).update(**{f.attname: value})


def _inert_link(user: User, state: Any, where: str) -> SignedLink:
    """A signed-link row standing in for one that did not travel: same dates and state, a new id, never active."""
    if not isinstance(state, dict) or set(state) - set(LINK_FIELDS):
        raise ArchiveRefused(f"{where}: its link must be given as {', '.join(LINK_FIELDS)}.", "invalid_record")
    values = {name: _value(_field(SignedLink, name), state.get(name), where) for name in LINK_FIELDS if name in state}
    link = SignedLink(owner=user, **values)
    if link.state() == "active":
        link.revoked_at = timezone.now()  # a link never works after it travelled
    link.save()
    return link
