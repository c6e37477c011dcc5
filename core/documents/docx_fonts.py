"""Embed Sarabun in a .docx so Thai text keeps its font on computers that do not have it installed.

Word stores embedded fonts as "obfuscated" TTFs (ECMA-376 Part 1, 17.8.1): the first 32 bytes are XORed with
the bytes of a GUID, in reverse order, and the GUID is written next to the font in fontTable.xml. Sarabun's
licence (OFL, OS/2 fsType 0) allows installable embedding.
"""

from __future__ import annotations

import uuid

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from lxml import etree

from core.documents.fonts import FAMILY, sarabun_files

OBFUSCATED_FONT_TYPE = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
_FONT_CHILD_ORDER = tuple(
    (
        "altName panose1 charset family notTrueType pitch sig embedRegular embedBold embedItalic "
        "embedBoldItalic"
    ).split()
)
# Elements that come before w:embedTrueTypeFonts in CT_Settings.
_SETTINGS_BEFORE_EMBED = frozenset(
    (
        "writeProtection view zoom removePersonalInformation removeDateAndTime doNotDisplayPageBoundaries "
        "displayBackgroundShape printPostScriptOverText printFractionalCharacterWidth printFormsData"
    ).split()
)


def obfuscate(font_bytes: bytes, key: uuid.UUID) -> bytes:
    """XOR the first 32 bytes with the GUID bytes read from the end; applying it twice restores the font."""
    guid = bytes.fromhex(key.hex)
    head = bytes(font_bytes[i] ^ guid[len(guid) - 1 - i % len(guid)] for i in range(min(32, len(font_bytes))))
    return head + font_bytes[32:]


def _font_table_part(doc: Document) -> Part:
    for rel in doc.part.rels.values():
        if rel.reltype == RT.FONT_TABLE and not rel.is_external:
            return rel.target_part
    raise RuntimeError("The document template has no fontTable part")


def _local(element) -> str:
    return etree.QName(element).localname


def _font_entry(font_table, family: str):
    for font in font_table.findall(qn("w:font")):
        if font.get(qn("w:name")) == family:
            return font
    font = OxmlElement("w:font")
    font.set(qn("w:name"), family)
    font_table.append(font)
    return font


def _set_font_child(font, name: str, attrs: dict[str, str]):
    existing = font.find(qn(f"w:{name}"))
    if existing is not None:
        font.remove(existing)
    element = OxmlElement(f"w:{name}")
    for key, value in attrs.items():
        element.set(qn(key), value)
    later = set(_FONT_CHILD_ORDER[_FONT_CHILD_ORDER.index(name) + 1 :])
    for index, child in enumerate(font):
        if _local(child) in later:
            font.insert(index, element)
            return element
    font.append(element)
    return element


def _enable_embedding_setting(doc: Document) -> None:
    settings = doc.settings.element
    if settings.find(qn("w:embedTrueTypeFonts")) is not None:
        return
    element = OxmlElement("w:embedTrueTypeFonts")
    for index, child in enumerate(settings):
        if _local(child) not in _SETTINGS_BEFORE_EMBED:
            settings.insert(index, element)
            return
    settings.append(element)


def embed_sarabun(doc: Document, *, italic: bool = False) -> None:
    """Embed Sarabun regular and bold (and italics on request: they add ~185 KB)."""
    files = sarabun_files()
    faces = [("embedRegular", files.regular), ("embedBold", files.bold)]
    if italic:
        faces += [("embedItalic", files.italic), ("embedBoldItalic", files.bold_italic)]

    table_part = _font_table_part(doc)
    font_table = parse_xml(table_part.blob)
    entry = _font_entry(font_table, FAMILY)
    # Thai charset (222) and a proportional TrueType family help Word match the face before reading the files.
    _set_font_child(entry, "charset", {"w:val": "DE"})
    _set_font_child(entry, "family", {"w:val": "auto"})
    _set_font_child(entry, "pitch", {"w:val": "variable"})

    package = doc.part.package
    existing = {str(part.partname) for part in package.iter_parts()}
    number = 1
    for slot, path in faces:
        while f"/word/fonts/font{number}.odttf" in existing:
            number += 1
        partname = PackURI(f"/word/fonts/font{number}.odttf")
        existing.add(str(partname))
        key = uuid.uuid4()
        part = Part(partname, OBFUSCATED_FONT_TYPE, obfuscate(path.read_bytes(), key), package)
        rel_id = table_part.relate_to(part, RT.FONT)
        _set_font_child(entry, slot, {"r:id": rel_id, "w:fontKey": "{" + str(key).upper() + "}"})

    table_part._blob = etree.tostring(font_table, xml_declaration=True, encoding="UTF-8", standalone=True)
    _enable_embedding_setting(doc)
