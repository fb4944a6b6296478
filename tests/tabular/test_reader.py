"""The shared spreadsheet reader: physical line numbers, CSV shapes, XLSX traps (merged cells, formulas, fake
workbooks), column matching and bounds, without a database."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medpath.tabular import Field, Limits, TableRejected, auto_mapping, cell_text, read_table
from tests.tabular.xlsx import workbook

FIELDS = (
    Field("title", "Title", required=True, aliases=("activity",)),
    Field("day", "Date", required=True, aliases=("completed on",)),
    Field("notes", "Notes"),
)


def _rejected(data: bytes | str, **options: object) -> TableRejected:
    with pytest.raises(TableRejected) as caught:
        read_table(data, FIELDS, **options)  # type: ignore[arg-type]
    return caught.value


cell = st.lists(st.sampled_from([*'ab ,;"\n\r', "\r\n", "é"]), max_size=12).map("".join)


@given(st.lists(st.tuples(cell.filter(lambda c: c.strip() != ""), cell), min_size=1, max_size=8))
def test_physical_lines_match_what_csv_writer_wrote(rows: list[tuple[str, str]]) -> None:
    """A file written by csv.writer with cells holding line breaks reads back with each record's first and last
    physical line, counted independently from the text written before and through it."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(["Title", "Date"])
    expected: list[tuple[int, int, str]] = []
    for title, day in rows:
        before = out.getvalue()
        writer.writerow([title, day])
        written = out.getvalue()[len(before) :]
        first = len(re.findall(r"\r\n|\r|\n", before)) + 1
        last = first + len(re.findall(r"\r\n|\r|\n", written.removesuffix("\r\n")))
        expected.append((first, last, title.strip()))
    table = read_table(out.getvalue().encode(), FIELDS)
    assert [(r.line, r.last_line, r.get("title")) for r in table.records] == expected


def test_a_multi_line_record_says_lines_in_its_problems() -> None:
    """A record a quoted cell spreads over two lines is at its first line, and its problems say “lines 2–3”."""
    table = read_table('Title,Date\n"two\nlines",2025-01-01\nnext,2025-01-02\n', FIELDS)
    first, second = table.records
    assert (first.line, first.last_line, first.lines) == (2, 3, "lines 2–3")
    assert first.problem("Date", "bad").message == "bad (lines 2–3)"
    assert (second.line, second.lines) == (4, "line 4")


def test_bom_semicolons_tabs_and_empty_rows() -> None:
    """A UTF-8 byte-order mark is dropped, ; and tab delimiters are read, fully empty rows skipped (lines kept)."""
    for text in ("\ufeffTitle;Date\nA;2025-01-01\n;\n\nB;2025-01-02\n", "Title\tDate\nA\t2025-01-01\n\t\n\nB\t2025-01-02\n"):
        table = read_table(text.encode("utf-8"), FIELDS)
        assert [(r.line, r.get("title")) for r in table.records] == [(2, "A"), (5, "B")]
        assert table.used == {"Title": "title", "Date": "day"}


def test_not_utf8_is_one_problem_without_a_line() -> None:
    """A Latin-1 CSV is refused as a whole: no line, and it says how to save the file."""
    rejected = _rejected("Title,Date\nCafé,2025-01-01\n".encode("latin-1"))
    assert [(p.line, p.field) for p in rejected.problems] == [(0, "file")]
    assert "UTF-8" in rejected.problems[0].message
    assert str(rejected.problems[0]).startswith("file: ")


def test_missing_column_names_it_and_lists_the_file_columns() -> None:
    """A required column no header gives is one problem naming it and listing what the file has."""
    rejected = _rejected("Title,When\nA,2025-01-01\n")
    assert [(p.line, p.field) for p in rejected.problems] == [(1, "Date")]
    assert "found: Title, When" in rejected.problems[0].message


def test_headers_match_by_label_alias_and_case_and_an_explicit_mapping_wins() -> None:
    """ACTIVITY, completed_on and a mapped column are read; an unknown column is ignored and listed."""
    table = read_table("ACTIVITY,completed_on,Extra\nA,2025-01-01,x\n", FIELDS)
    assert table.used == {"ACTIVITY": "title", "completed_on": "day"}
    assert table.ignored == ("Extra",)
    mapped = read_table(
        "Name,When,Comments\nA,2025-01-01,hi\n", FIELDS, mapping={"name": "title", "When": "day", "Comments": "notes"}
    )
    assert mapped.records[0].values == {"title": "A", "day": "2025-01-01", "notes": "hi"}
    skipped = read_table("Title,Date,Notes\nA,2025-01-01,secret\n", FIELDS, mapping={"Notes": ""})
    assert "notes" not in skipped.records[0].values


def test_bad_mappings_and_duplicate_columns_are_refused() -> None:
    """A mapping to a field MedPath does not read, from a column the file lacks, or two columns for one field."""
    assert _rejected("Title,Date\n", mapping={"Title": "patient"}).problems[0].field == "mapping"
    assert "no column “Nope”" in _rejected("Title,Date\n", mapping={"Nope": "title"}).problems[0].message
    twice = _rejected("Title,Date,Other\nA,2025-01-01,B\n", mapping={"Other": "title", "Title": "title"})
    assert "two columns are read as Title" in twice.problems[0].message


def test_bounds_are_refused_before_reading_rows() -> None:
    """Too many bytes, rows or columns: one clear problem each."""
    small = Limits(max_bytes=100, max_rows=2, max_columns=3)
    assert "larger than" in _rejected(b"Title,Date\n" + b"x,2025-01-01\n" * 20, limits=small).problems[0].message
    assert "more than 2 rows" in _rejected("Title,Date\na,1\nb,2\nc,3\n", limits=small).problems[0].message
    assert "4 columns" in _rejected("Title,Date,a,b\n", limits=small).problems[0].message


def test_a_huge_file_is_refused_at_the_default_limit() -> None:
    """A file over the default 5 MB is refused before it is parsed."""
    rejected = _rejected(b"Title,Date\n" + b"x" * (5 * 1024 * 1024))
    assert "larger than 5 MB" in rejected.problems[0].message


def test_a_csv_field_over_the_csv_limit_is_a_problem_on_its_line() -> None:
    """The CSV module's own refusal becomes a problem at the record where it happened."""
    rejected = _rejected("Title,Date\nA,2025-01-01\n" + "x" * 140_000 + ",1\n")
    assert [(p.line, p.field) for p in rejected.problems] == [(3, "file")]


def test_empty_file() -> None:
    """A file without even a header says so."""
    assert "empty" in _rejected(b"").problems[0].message


# ---- XLSX ----


def test_xlsx_reads_dates_numbers_and_says_which_sheet() -> None:
    """Dates become ISO text, whole numbers lose their .0, the first sheet is read and named; a named sheet works."""
    data = workbook(
        [["Title", "Date", "Notes"], ["A", datetime(2025, 3, 1), 2.0], [None, None, None], ["B", date(2025, 3, 2), 2.5]],
        title="Log",
        more={"Other": [["Title", "Date"], ["C", "2025-04-01"]]},
    )
    table = read_table(data, FIELDS)
    assert table.where == "sheet “Log” of the workbook"
    assert [(r.line, r.values) for r in table.records] == [
        (2, {"title": "A", "day": "2025-03-01", "notes": "2"}),
        (4, {"title": "B", "day": "2025-03-02", "notes": "2.5"}),
    ]
    assert [r.get("title") for r in read_table(data, FIELDS, sheet="Other").records] == ["C"]
    assert "its sheets are “Log”, “Other”" in _rejected(data, sheet="Nope").problems[0].message


def test_cell_text() -> None:
    """Times, date-times, booleans and fractions as importers parse them."""
    assert cell_text(time(7, 30)) == "07:30"
    assert cell_text(datetime(2025, 7, 7, 19, 0)) == "2025-07-07T19:00"
    assert cell_text(True) == "true"
    assert cell_text(0.1) == "0.1"


def test_merged_cells_are_refused_naming_the_range() -> None:
    """A merged range in the data is refused with its coordinates, at its first row."""
    data = workbook([["Title", "Date"], ["A", "2025-01-01"], ["B", "2025-01-02"]], merge="B2:B3")
    problems = _rejected(data).problems
    assert [(p.line, p.field) for p in problems] == [(2, "Date")]
    assert "B2:B3" in problems[0].message


def test_formulas_are_refused_naming_the_cell() -> None:
    """A formula cell is refused (its cached value cannot be trusted): the cell, and paste values only."""
    data = workbook([["Title", "Date", "Notes"], ["A", "2025-01-01", "=1+1"], ["B", "=TODAY()", ""]])
    problems = _rejected(data).problems
    assert [(p.line, p.field) for p in problems] == [(2, "Notes"), (3, "Date")]
    assert "cell C2 holds a formula" in problems[0].message
    assert "paste values" in problems[0].message


def test_files_that_are_not_real_workbooks() -> None:
    """A text file named .xlsx, a zip with no workbook, a damaged zip and an old .xls are each refused clearly."""
    assert "not an Excel workbook" in _rejected(b"Title,Date\n", filename="log.xlsx").problems[0].message
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert "no workbook inside" in _rejected(buffer.getvalue(), filename="log.xlsx").problems[0].message
    assert "damaged" in _rejected(b"PK\x03\x04garbage", filename="log.xlsx").problems[0].message
    assert ".xls" in _rejected(b"\xd0\xcf\x11\xe0" + b"\x00" * 100).problems[0].message


def test_xlsx_rows_beyond_the_limit_are_refused() -> None:
    """A sheet longer than the row limit is refused before its cells are read."""
    data = workbook([["Title", "Date"], *[["A", "2025-01-01"]] * 5])
    assert "reaches row 6" in _rejected(data, limits=Limits(max_rows=3)).problems[0].message


def test_auto_mapping_first_column_wins() -> None:
    """Two headers naming one field: the first is used, the second left for the person to map."""
    assert auto_mapping(["Title", "title", "Date"], FIELDS) == {"Title": "title", "Date": "day"}


def test_cells_beyond_the_header_are_a_problem_not_silently_dropped() -> None:
    """An unquoted comma in a text cell makes more cells than the header names: each such row is reported with
    its line, and nothing is read (the rest of the text would otherwise vanish)."""
    fields = [Field("title", "Title", True), Field("notes", "Notes")]
    text = "Title,Notes\nA,Saw patients, took notes\nB,fine\nC,one,two,\n"
    with pytest.raises(TableRejected) as rejected:
        read_table(text, fields)
    assert [(p.line, p.field) for p in rejected.value.problems] == [(2, "row"), (4, "row")]
    assert "3 cells" in rejected.value.problems[0].message
    trailing_blank = read_table("Title,Notes\nA,b,,\n", fields)  # empty cells past the header are harmless
    assert trailing_blank.records[0].values == {"title": "A", "notes": "b"}


def test_two_columns_with_one_name_are_refused_at_the_header() -> None:
    """Headers that read the same (“Notes” and “notes ”) cannot be told apart on the columns step: refused."""
    fields = [Field("title", "Title", True), Field("notes", "Notes")]
    with pytest.raises(TableRejected) as rejected:
        read_table("Title,Notes,notes \nA,first,second\n", fields)
    assert rejected.value.problems[0].line == 1
    assert "Notes" in rejected.value.problems[0].message


def test_every_list_download_imports_back_with_its_columns_matched() -> None:
    """The experience log's download header is matched column by column by the importer (the supervisor's
    e-mail was left out)."""
    from medpath.experience.entry_rows import FIELDS
    from medpath.experience.views.log import ENTRY_COLUMNS
    from medpath.tabular import auto_mapping

    header = [column.header for column in ENTRY_COLUMNS]
    matched = auto_mapping(header, FIELDS)
    assert "Supervisor e-mail" in matched


def test_the_apostrophe_of_a_downloaded_csv_is_not_imported() -> None:
    """MedPath's CSV downloads put an apostrophe before text a spreadsheet would run as a formula; importing such a
    file back gives the text as it was (a phone number “+1 555 0100” came back as “'+1 555 0100”)."""
    from medpath.rows import spreadsheet_safe

    fields = [Field("name", "Name", True), Field("phone", "Phone")]
    written = f"Name,Phone\nAna,{spreadsheet_safe('+1 555 0100')}\n'Quoted,=SUM\n"
    records = read_table(written, fields).records
    assert [r.values for r in records] == [{"name": "Ana", "phone": "+1 555 0100"}, {"name": "'Quoted", "phone": "=SUM"}]


def test_a_file_that_is_not_text_is_told_so() -> None:
    """A PDF or an image renamed .csv is “not a spreadsheet”, not advice about text encodings (trial finding C5);
    a UTF-16 CSV still gets the advice to save as CSV UTF-8."""
    fields = [Field("title", "Title", True)]
    for data in (b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"):
        with pytest.raises(TableRejected) as rejected:
            read_table(data, fields, filename="log.csv")
        assert "not a spreadsheet" in rejected.value.problems[0].message
    with pytest.raises(TableRejected) as utf16:
        read_table("Title\nA\n".encode("utf-16"), fields, filename="log.csv")
    assert "UTF-8" in utf16.value.problems[0].message
