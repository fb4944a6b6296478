"""Competency frameworks as catalog data: every bundled framework loads and is sourced; bad files are named precisely."""

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from medpath.catalog.framework_schema import framework_citations
from medpath.catalog.loader import DATA_DIR, CatalogError, catalog, load_catalog

BUNDLED = {"acgme-core-competencies", "canmeds-2015", "qsen", "medpath-interpersonal"}


def test_every_bundled_framework_loads_and_cites_existing_sources() -> None:
    """The four frameworks load; each one from an issuer cites registered sources with a URL, MedPath's own cites none."""
    known = catalog()
    assert set(known.frameworks) >= BUNDLED
    for framework in known.frameworks.values():
        cited = framework_citations(framework)
        if framework.licence.bundled == "own_wording":
            assert not cited, framework.id
            continue
        assert ("source", framework.source) in cited, framework.id
        for path, source_id in cited:
            assert str(known.source(source_id).url).startswith(("http://", "https://")), (framework.id, path)


def test_acgme_has_the_six_competencies_and_level_four_is_the_graduation_target() -> None:
    """Exactly the six core competencies, levels 1-5, level 4 the graduation target, no descriptor text shipped."""
    acgme = catalog().frameworks["acgme-core-competencies"]
    assert [competency.name for competency in acgme.top_level()] == [
        "Patient Care",
        "Medical Knowledge",
        "Practice-Based Learning and Improvement",
        "Interpersonal and Communication Skills",
        "Professionalism",
        "Systems-Based Practice",
    ]
    assert [level.number for level in acgme.levels] == [1, 2, 3, 4, 5]
    target = acgme.graduation_target()
    assert target is not None
    assert target.number == 4
    assert all(not competency.descriptors for competency in acgme.competencies)


HARMONIZED = {
    "practice-based-learning-and-improvement": [
        "Evidence-Based and Informed Practice",
        "Reflective Practice and Commitment to Personal Growth",
    ],
    "interpersonal-and-communication-skills": [
        "Patient- and Family-Centered Communication",
        "Interprofessional and Team Communication",
        "Communication within Health Care Systems",
    ],
    "professionalism": [
        "Professional Behavior and Ethical Principles",
        "Accountability and Conscientiousness",
        "Self-Awareness and Help-Seeking",
    ],
    "systems-based-practice": [
        "Patient Safety and Quality Improvement",
        "Systems Navigation for Patient-Centered Care",
        "Physician's Role in Health Care Systems",
    ],
}


def test_acgme_harmonized_competencies_have_their_subcompetencies_by_name_only() -> None:
    """PBLI, ICS, PROF and SBP carry their harmonized Milestones 2.0 subcompetencies (parent relation), in order,
    with no descriptor text; each names a registered source in its note; Patient Care and Medical Knowledge have none."""
    known = catalog()
    acgme = known.frameworks["acgme-core-competencies"]
    for parent, names in HARMONIZED.items():
        children = acgme.children(parent)
        assert [child.name for child in children] == names, parent
        for child in children:
            assert not child.descriptors, child.id
            assert any(source_id in child.note for source_id in known.sources), child.id
    assert not acgme.children("patient-care")
    assert not acgme.children("medical-knowledge")
    subcompetencies = [competency for competency in acgme.competencies if competency.parent is not None]
    assert len(subcompetencies) == sum(len(names) for names in HARMONIZED.values())
    assert all(competency.parent in HARMONIZED for competency in subcompetencies)


def test_names_only_frameworks_ship_names_only() -> None:
    """CanMEDS (7 roles) and QSEN (6 competencies) carry names, no levels or descriptors; QSEN's confidence is low."""
    known = catalog().frameworks
    assert len(known["canmeds-2015"].competencies) == 7
    assert len(known["qsen"].competencies) == 6
    assert known["qsen"].confidence == "low"
    for framework_id in ("canmeds-2015", "qsen"):
        framework = known[framework_id]
        assert framework.licence.bundled == "names_only"
        assert not framework.levels
        assert all(not competency.descriptors for competency in framework.competencies)


def _own_framework() -> dict[str, Any]:
    levels = [{"number": n, "label": f"Level {n}", "source": "stfm-acgme-milestones", "confidence": "medium"} for n in (1, 2, 3)]
    return {
        "framework": {
            "id": "test-set",
            "name": "Test set",
            "issuer": "MedPath",
            "version": "1",
            "licence": {"bundled": "own_wording", "note": "Our own wording for a test."},
            "levels": levels,
            "competencies": [
                {"id": "communication", "name": "Communication", "descriptors": {1: "Starts", 3: "Leads"}},
                {"id": "listening", "name": "Listening", "parent": "communication"},
            ],
        }
    }


def _load_with(tmp_path: Path, document: dict[str, Any]) -> CatalogError:
    shutil.copytree(DATA_DIR, tmp_path / "data")
    (tmp_path / "data" / "frameworks" / "test_set.yaml").write_text(yaml.safe_dump(document), encoding="utf-8")
    with pytest.raises(CatalogError) as error:
        load_catalog(tmp_path / "data")
    return error.value


def test_a_well_formed_framework_of_our_own_loads(tmp_path: Path) -> None:
    """The fixture itself is valid: a subcompetency under its parent, descriptors for defined levels."""
    shutil.copytree(DATA_DIR, tmp_path / "data")
    (tmp_path / "data" / "frameworks" / "test_set.yaml").write_text(yaml.safe_dump(_own_framework()), encoding="utf-8")
    framework = load_catalog(tmp_path / "data").frameworks["test-set"]
    assert [child.id for child in framework.children("communication")] == ["listening"]


def test_duplicate_competency_id_is_refused(tmp_path: Path) -> None:
    """Two competencies with one id: the error names the file, the framework and the field."""
    document = _own_framework()
    document["framework"]["competencies"].append({"id": "communication", "name": "Again"})
    error = _load_with(tmp_path, document)
    assert (error.file, error.entry, error.field_path) == (
        "frameworks/test_set.yaml",
        "test-set",
        "competencies[communication].id",
    )
    assert "duplicate competency id 'communication'" in str(error)


def test_unknown_parent_is_refused(tmp_path: Path) -> None:
    """A subcompetency whose parent does not exist."""
    document = _own_framework()
    document["framework"]["competencies"][1]["parent"] = "speaking"
    error = _load_with(tmp_path, document)
    assert error.field_path == "competencies[listening].parent"
    assert "unknown parent 'speaking'" in str(error)


@pytest.mark.parametrize("number", [0, 6])
def test_a_level_outside_one_to_five_is_refused(tmp_path: Path, number: int) -> None:
    """Levels are numbered 1 to 5; 0 and 6 are refused naming the level's field."""
    document = _own_framework()
    document["framework"]["levels"][0]["number"] = number
    error = _load_with(tmp_path, document)
    assert error.file == "frameworks/test_set.yaml"
    assert error.field_path == "framework.levels[#1].number"
    assert f"a level is numbered 1 to 5; got {number}" in str(error)


def test_a_descriptor_for_an_undefined_level_is_refused(tmp_path: Path) -> None:
    """A descriptor for level 5 when the framework defines levels 1-3."""
    document = _own_framework()
    document["framework"]["competencies"][0]["descriptors"][5] = "Beyond"
    error = _load_with(tmp_path, document)
    assert error.field_path == "competencies[communication].descriptors[5]"
    assert "level 5, which this framework does not define (levels: 1, 2, 3)" in str(error)


def test_descriptor_text_is_refused_where_the_licence_keeps_it_out(tmp_path: Path) -> None:
    """A framework shipped as names and levels may not carry descriptor text."""
    document = _own_framework()
    framework = document["framework"]
    framework["licence"] = {"bundled": "names_and_levels", "note": "Descriptor text under licence."}
    framework.update(source="stfm-acgme-milestones", confidence="medium")
    error = _load_with(tmp_path, document)
    assert error.field_path == "competencies[communication].descriptors"
    assert "under licence" in str(error)


def test_an_unknown_source_is_refused(tmp_path: Path) -> None:
    """A level citing a source that no sources/ file defines."""
    document = _own_framework()
    document["framework"]["levels"][1]["source"] = "nowhere"
    error = _load_with(tmp_path, document)
    assert error.field_path == "levels[2].source"
    assert "unknown source 'nowhere'" in str(error)


def test_own_wording_claims_no_source(tmp_path: Path) -> None:
    """MedPath's own set may not cite a source (no external claim); an issuer's set must."""
    document = _own_framework()
    document["framework"].update(source="stfm-acgme-milestones", confidence="medium")
    error = _load_with(tmp_path, document)
    assert "leave out source" in str(error)
