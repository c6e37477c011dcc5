"""A file's release package is read unparsed where it can be read again (procurement.ocds.read.read_source,
`unparsed`): each release's input text is cut out and parsed once, when its process is compiled. What is
stored, counted and refused is what reading every release parsed gives, in every layout, including those where
the text between two releases also occurs inside one (the import then reads the file again, parsed)."""

import io

import orjson
import pytest

from core.errors import ApplicationError
from procurement.models import Project, Release
from procurement.ocds import read
from procurement.services import ocds_import as service
from procurement.services.ocds_import import ocds_import
from procurement.tests.test_ocds_read_batches import _layouts, _releases

pytestmark = pytest.mark.django_db


def _stored() -> tuple[list, list]:
    releases = list(Release.objects.order_by("project__ocid", "seq").values_list(
        "project__ocid", "release_id", "date", "tag", "json_text", "sha256", "seq"))
    projects = list(Project.objects.order_by("ocid").values_list(
        "ocid", "title", "release_count", "compiled_text", "search_text", "status"))
    return releases, projects


def _import(data: bytes, agency, monkeypatch, *, rewinds: bool) -> tuple[dict, list[bool]]:
    """The run's counts and, for each reading of the file, whether it was unparsed."""
    readings = []
    reader = service.read_source

    def read_source(name, stream, reading, *, unparsed=False):
        readings.append(unparsed)
        return reader(name, stream, reading, unparsed=unparsed)

    monkeypatch.setattr(service, "read_source", read_source)
    monkeypatch.setattr(service, "_rewinds", lambda stream: rewinds)
    run = ocds_import(actor=None, sources=[("f.json", io.BytesIO(data))], unit=agency)
    return run.counts, readings


@pytest.mark.parametrize("layout", ["compact", "pretty", "spaced", "a release a line", "releases first"])
@pytest.mark.parametrize("batch", [700, 1 << 20])
def test_a_package_read_unparsed_is_stored_as_when_read_parsed(agency, monkeypatch, layout, batch):
    monkeypatch.setattr(read, "BATCH", batch)
    data = _layouts(_releases(40))[layout]
    counts, readings = _import(data, agency, monkeypatch, rewinds=False)
    assert readings == [False]
    parsed = _stored()
    Project.objects.all().delete()

    again, readings = _import(data, agency, monkeypatch, rewinds=True)

    assert again == counts and counts["releases_added"] == 40
    assert _stored() == parsed
    # The releases' items start with `ocid` too: laid out as the releases are (compact, spaced), the text
    # between two releases also occurs inside one, and the file is read again, parsed (with batches of 700
    # bytes, smaller than most releases, few or none are read unparsed).
    if layout not in ("compact", "spaced"):
        assert readings == [True]
    elif batch == 1 << 20:
        assert readings == [True, False]


def test_most_releases_are_read_unparsed():
    data = _layouts(_releases(200))["a release a line"]
    items = list(read.read_source("f.json", io.BytesIO(data), read.Reading(), unparsed=True))
    unparsed = [item for item in items if item.release is None]
    assert len(items) == 200 and len(unparsed) >= 190
    parsed = list(read.read_source("f.json", io.BytesIO(data), read.Reading()))
    by_where = {item.where: item for item in parsed}
    for item in unparsed:
        release = by_where[item.where].release
        assert orjson.loads(item.text) == release and item.ocid == release["ocid"]
        assert read.dumps(orjson.loads(item.text)) == by_where[item.where].text


@pytest.mark.parametrize(
    "bad",
    [b'"v": 1e400', b'"v": NaN', b'"v": tru', b'"v": "\xe0\xb8"', b'"v": "a\x01b"', b'"v": 1,,',
     b'"ocid": "another"'],
)
def test_a_release_read_unparsed_that_is_not_whole_is_refused_as_when_read_parsed(agency, monkeypatch, bad):
    lines = [orjson.dumps(r) for r in _releases(60)]
    lines[45] = lines[45][:-1] + b", " + bad + b"}"
    data = b'{"version": "1.1", "releases": [\n' + b",\n".join(lines) + b"\n]}"
    problems = {}
    for rewinds in (False, True):
        try:
            _import(data, agency, monkeypatch, rewinds=rewinds)
        except ApplicationError as exc:
            problems[rewinds] = exc.extra["errors"]
        else:
            problems[rewinds] = _stored()
            Project.objects.all().delete()
    assert problems[True] == problems[False]
    assert not Project.objects.exists()
