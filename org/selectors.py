"""Reads of the unit tree, including the plan's group phrases resolved by rule."""

from dataclasses import dataclass

from django.db.models import QuerySet

from core.errors import ApplicationError
from org.models import Unit

# The plan names unit groups in words; each rule is a filter over the agency's tree, never a typed list.
GROUP_RULES = {
    "all": "ทุกหน่วยงาน ทั้งส่วนกลางและส่วนภูมิภาค",
    "all_central": "ทุกหน่วยงานส่วนกลาง",
    "all_regional": "ทุกหน่วยงานส่วนภูมิภาค",
    "regional_offices": "สสจ. และ สสพ. ๑ - ๒",
    "related": "หน่วยงานที่เกี่ยวข้องกับกระบวนการนั้น ๆ",
    "units": "หน่วยงานที่ระบุ",
}


def unit_subtree(unit: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(path__startswith=unit.path)


def agencies() -> QuerySet[Unit]:
    return Unit.objects.filter(parent__isnull=True)


def unprefixed_agency() -> Unit | None:
    """The agency whose public pages have no /a/<code>/ prefix: the first active one."""
    return agencies().filter(is_active=True).order_by("id").first()


def agency_of(unit: Unit) -> Unit:
    return Unit.objects.get(pk=unit.agency_id_from_path())


def agency_thai_digits(unit: Unit | None) -> bool:
    """Whether the documents of `unit`'s agency write numbers in Thai digits: the agency root's setting
    (Thai digits when there is no unit to ask)."""
    if unit is None:
        return True
    # Read from the database, not from an agency object loaded before the setting changed.
    agency_id = unit.pk if unit.parent_id is None else unit.agency_id_from_path()
    value = Unit.objects.filter(pk=agency_id).values_list("thai_digits", flat=True).first()
    return True if value is None else value


def reporting_units(agency: Unit) -> QuerySet[Unit]:
    return unit_subtree(agency).filter(is_active=True, reports_on_plan=True).exclude(pk=agency.pk)


def resolve_unit_group(*, agency: Unit, rule: str, units=None) -> QuerySet[Unit]:
    """Turn a plan phrase's rule into the set of units it means today.

    `related` cannot be known from the plan text; it resolves to the units chosen explicitly (if any), so a
    plan administrator decides which units a process concerns.
    """
    base = reporting_units(agency)
    if rule == "all":
        return base
    if rule == "all_central":
        return base.filter(region=Unit.Region.CENTRAL)
    if rule == "all_regional":
        return base.filter(region=Unit.Region.REGIONAL)
    if rule == "regional_offices":
        return base.filter(kind__in=[Unit.Kind.PROVINCIAL_OFFICE, Unit.Kind.AREA_OFFICE])
    if rule in ("units", "related"):
        ids = [u.pk for u in units] if units is not None else []
        return base.filter(pk__in=ids)
    raise ApplicationError(f"ไม่รู้จักกลุ่มหน่วยงาน '{rule}'")


def find_unit(agency: Unit, label: str) -> Unit | None:
    """Find a unit by name, abbreviation or alias as the seed documents write them (spacing and dots vary)."""
    return unit_finder(agency)(label)


def unit_finder(agency: Unit):
    """A lookup of the agency's units by any of their labels, read once (for loops over many labels)."""
    index: dict[str, Unit] = {}
    for unit in unit_subtree(agency).order_by("-path"):
        for name in (unit.name, unit.abbreviation, *unit.aliases):
            if name:
                index[normalize_label(name)] = unit  # tree order last: an ancestor wins a shared label
    return lambda label: index.get(normalize_label(label))


def normalize_label(label: str) -> str:
    from core.thai import to_arabic_digits

    return "".join(to_arabic_digits(label).split()).rstrip(",").strip()


def unit_tree(agency: Unit) -> list[Unit]:
    """Units of an agency in tree order, each annotated with `depth` for indentation."""
    return list(unit_subtree(agency).order_by("path"))


def agency_profile(unit: Unit):
    """The profile of `unit`'s agency; an unsaved one made from the root unit when none was entered, so
    documents and public pages always have a name to print."""
    from org.models import AgencyProfile

    agency = unit if unit.parent_id is None else agency_of(unit)
    profile = AgencyProfile.objects.filter(agency=agency).first()
    return profile or AgencyProfile(agency=agency, official_name=agency.name)


def served_agency():
    """The agency named by the public request's /a/<code>/ prefix, or None (see org.serving)."""
    from org.serving import served_agency as current

    return current()


def agency_ocid_prefix(unit: Unit | None) -> str:
    """The OCDS ocid prefix of `unit`'s agency: its own when set, else the deployment's
    (PRONGSAI_OCID_PREFIX), which is also the answer without a unit."""
    from django.conf import settings

    from org.models import AgencyProfile

    default = getattr(settings, "PRONGSAI_OCID_PREFIX", "ocds-th0cpd")
    if unit is None:
        return default
    agency_id = unit.pk if unit.parent_id is None else unit.agency_id_from_path()
    own = AgencyProfile.objects.filter(agency_id=agency_id).values_list("ocid_prefix", flat=True).first()
    return (own or "").strip() or default


# Names to show for licences a visitor may know by name; any other address is shown as it is.
LICENCE_NAMES = {
    "https://data.go.th/pages/dga-open-government-license":
        "ข้อกำหนดและเงื่อนไขการอนุญาตให้ใช้ข้อมูลภาครัฐแบบเปิดของ สพร. (DGA Open Government License)",
    "https://creativecommons.org/licenses/by/4.0/": "Creative Commons Attribution 4.0 (CC BY 4.0)",
}


@dataclass(frozen=True)
class OpenDataTerms:
    """The licence and publication policy an OCDS package names: the agency's own, else the deployment's."""

    license: str
    publication_policy: str

    @property
    def license_name(self) -> str:
        return LICENCE_NAMES.get(self.license, self.license)

    def package_fields(self) -> dict:
        """The package's `license` and `publicationPolicy`, each left out when there is none."""
        fields = {"license": self.license, "publicationPolicy": self.publication_policy}
        return {key: value for key, value in fields.items() if value}


def deployment_open_data_terms() -> OpenDataTerms:
    from django.conf import settings

    return OpenDataTerms(license=getattr(settings, "PRONGSAI_OCDS_LICENSE", ""),
                         publication_policy=getattr(settings, "PRONGSAI_OCDS_PUBLICATION_POLICY", ""))


def agency_open_data_terms(unit: Unit | None) -> OpenDataTerms:
    """The open-data terms of `unit`'s agency, each one its own when set, else the deployment's."""
    from org.models import AgencyProfile

    default = deployment_open_data_terms()
    if unit is None:
        return default
    agency_id = unit.pk if unit.parent_id is None else unit.agency_id_from_path()
    own = (AgencyProfile.objects.filter(agency_id=agency_id)
           .values_list("ocds_license", "ocds_publication_policy").first()) or ("", "")
    return OpenDataTerms(license=(own[0] or "").strip() or default.license,
                         publication_policy=(own[1] or "").strip() or default.publication_policy)


@dataclass(frozen=True)
class AgencyMemo:
    """The wording of an agency's internal memos, each part from its profile or the default it stands for."""

    agency_name: str
    addressee: str  # the head: monthly complaint report, yearly review, a round's cover memo
    committee_addressee: str  # the quarterly summary's memo
    committee_recipient: str  # who the quarterly summary is recorded as sent to
    signer_position: str  # "" = the signer's own position
    unit_name: str  # "" = the compiling person's unit

    def position_of(self, signer) -> str:
        return self.signer_position or (getattr(signer, "position", "") if signer else "")


def agency_memo(unit: Unit) -> AgencyMemo:
    profile = agency_profile(unit)
    name = (profile.official_name or "").strip() or profile.agency.name
    committee = (profile.committee_addressee or "").strip()
    head = (profile.memo_addressee or "").strip() or (profile.head_title or "").strip()
    return AgencyMemo(
        agency_name=name,
        addressee=head or f"อธิบดี{name}",
        committee_addressee=committee or f"ประธานคณะกรรมการบริหาร{name}",
        committee_recipient=committee or f"คณะกรรมการบริหาร{name}",
        signer_position=(profile.memo_signer_position or "").strip(),
        unit_name=(profile.memo_unit or "").strip(),
    )
