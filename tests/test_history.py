"""Reading a history of past projects (YAML or CSV) for ``soicost backtest``: what a good
file gives, and every refusal with the exact message a user sees."""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from soicost.errors import InputError, Location
from soicost.inputs.history import MIN_PROJECTS, History, Project, load_history

DRIVERS = ["users", "interfaces", "data_gb"]
CATEGORIES = {"kind": ["vendor", "in-house", "lutece", "saas"],
              "strategy": ["retain", "retire", "rehost", "replatform", "refactor",
                           "repurchase"],
              "criticality": ["low", "medium", "high", "vital"]}

YAML = """\
version: 1
projects:
  - id: p1
    drivers: {users: 300}
    actual: 5152
  - id: p2
    drivers: {users: 1200}
    actual: 12k
  - id: p3
    drivers: {users: 50}
    actual: 900
"""
CSV = "id,users,actual\np1,300,5152\np2,1200,12k\np3,50,900\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Messages show paths relative to the working directory: history.yaml:8:13."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def load(path: Path) -> History:
    return load_history(path, DRIVERS, CATEGORIES)


def errors(folder: Path, name: str, content: str | bytes) -> str:
    with pytest.raises(InputError) as info:
        load(write(folder, name, content))
    return info.value.render()


# --------------------------------------------------------------------------------------
# Good files


def test_yaml(folder: Path) -> None:
    history = load(write(folder, "history.yaml", """\
version: 1
unit: person-hours
projects:
  - id: p1
    name: First of all
    drivers: {interfaces: 4, users: 302}
    actual: 5152
    estimate: 4800
    kind: vendor
    strategy: rehost
    criticality: high
    provenance: {status: sourced, source: project review 2021}
    notes: |
      Two lines
      of notes.
  - id: p2
    drivers: {users: 1 200, interfaces: 2}
    actual: 12k
  - id: p3
    drivers: {users: 50, interfaces: "1,5"}
    actual: 1.2M €
    kind: saas
"""))
    assert history == History(
        source="history.yaml", drivers=("interfaces", "users"),
        projects=(
            Project("p1", (4.0, 302.0), 5152.0, ("vendor", "rehost", "high"), 4800.0,
                    Location("history.yaml", 4, 5)),
            Project("p2", (2.0, 1200.0), 12_000.0, location=Location("history.yaml", 16, 5)),
            Project("p3", (1.5, 50.0), 1_200_000.0, ("saas", None, None),
                    location=Location("history.yaml", 19, 5))),
        unit="person-hours", location=Location("history.yaml", 4, 3),
        digest="sha256:" + hashlib.sha256(
            (folder / "history.yaml").read_bytes()).hexdigest())
    assert history.projects[0].location is not None
    assert history.projects[0].location.source_line == "  - id: p1"


def test_yml_without_version_or_unit(folder: Path) -> None:
    history = load(write(folder, "past.yml", YAML.replace("version: 1\n", "")))
    assert history.unit is None
    assert [p.id for p in history.projects] == ["p1", "p2", "p3"]
    assert [p.actual for p in history.projects] == [5152.0, 12_000.0, 900.0]
    assert all(p.estimate is None and p.categories == (None, None, None)
               for p in history.projects)


def test_csv_with_commas(folder: Path) -> None:
    history = load(write(folder, "history.csv", """\
ID , Interfaces,users,Actual,estimate,name,kind,strategy,criticality,notes
p1,4,302,5152,4800,"Payroll, v2",vendor,rehost,high,"two
lines"
p2,2,1200,12k,,,,,,
p3,1,50,"1,5M",,Mail,saas,,,
"""))
    assert history.drivers == ("interfaces", "users")
    assert history.unit is None
    assert history.projects == (
        Project("p1", (4.0, 302.0), 5152.0, ("vendor", "rehost", "high"), 4800.0,
                Location("history.csv", 2, 1)),
        Project("p2", (2.0, 1200.0), 12_000.0, location=Location("history.csv", 4, 1)),
        Project("p3", (1.0, 50.0), 1_500_000.0, ("saas", None, None),
                location=Location("history.csv", 5, 1)))
    assert history.location == Location("history.csv", 2, 1)


def test_csv_with_semicolons_and_decimal_commas(folder: Path) -> None:
    # As a French spreadsheet saves it: a byte-order mark, CRLF, decimal commas, spaces
    # grouping thousands, euro signs, blank lines and a row of empty cells.
    text = ("users;data_gb;actual\r\n1 234,5;0,5;5 152 €\r\n\r\n300;2;12k\r\n;;\r\n"
            "50;1,25;1 200 000,50 €\r\n")
    history = load(write(folder, "history.csv", b"\xef\xbb\xbf" + text.encode("utf-8")))
    assert history.drivers == ("users", "data_gb")
    # Without an id column, a project is named by the line its row starts on.
    assert [p.id for p in history.projects] == ["row-2", "row-4", "row-6"]
    assert [p.drivers for p in history.projects] == [(1234.5, 0.5), (300.0, 2.0),
                                                     (50.0, 1.25)]
    assert [p.actual for p in history.projects] == [5152.0, 12_000.0, 1_200_000.5]


def test_tab_separated(folder: Path) -> None:
    history = load(write(folder, "history.tsv", CSV.replace(",", "\t")))
    assert history.drivers == ("users",)
    assert [p.drivers for p in history.projects] == [(300.0,), (1200.0,), (50.0,)]


def test_a_header_using_two_separators_is_read_when_only_one_fits_every_row(
        folder: Path) -> None:
    history = load_history(write(folder, "history.txt", "id;users;size,m2;actual\n"
                                 "p1;1;2,5;2\np2;1;3;3\np3;1;4;4\n"), ["users", "size,m2"], {})
    assert history.drivers == ("users", "size,m2")
    assert [p.drivers for p in history.projects] == [(1.0, 2.5), (1.0, 3.0), (1.0, 4.0)]


def test_empty_unnamed_columns_are_ignored(folder: Path) -> None:
    history = load(write(folder, "history.csv", "users;actual;;\n1;2;;\n1;3;;\n1;4;;\n"))
    assert history.drivers == ("users",)


def test_drivers_in_first_seen_order(folder: Path) -> None:
    history = load(write(folder, "history.yaml", YAML
                         .replace("{users: 300}", "{data_gb: 3, users: 300}")
                         .replace("{users: 1200}", "{users: 1200, data_gb: 2}")
                         .replace("{users: 50}", "{users: 50, data_gb: 1}")))
    assert history.drivers == ("data_gb", "users")
    assert [p.drivers for p in history.projects] == [(3.0, 300.0), (2.0, 1200.0),
                                                     (1.0, 50.0)]


def test_categories_may_be_any_collection(folder: Path) -> None:
    history = load_history(write(folder, "history.yaml", YAML.replace(
        "actual: 900", "actual: 900\n    kind: saas")), ("users",),
        {"kind": frozenset({"saas"})})
    assert history.projects[2].categories == ("saas", None, None)
    assert MIN_PROJECTS == 3


# --------------------------------------------------------------------------------------
# Refusals, exactly as shown

REFUSALS = [
    ("too_few", "history.yaml", YAML.split("  - id: p3")[0], """\
history.yaml:3:3: projects: a backtest needs at least 3 past projects; found 2
  3 |   - id: p1
    |   ^
  hint: add past projects, each with its drivers and its actual cost"""),
    ("undeclared_driver", "history.yaml",
     YAML.replace("{users: 1200}", "{users: 1200, interfacs: 2}"), """\
history.yaml:7:28: projects[1].drivers.interfacs: driver 'interfacs' is not declared in the \
assumptions (drivers)
  expected: one of the declared drivers: users, interfaces, data_gb
  found:    'interfacs'
  7 |     drivers: {users: 1200, interfacs: 2}
    |                            ^
  hint: did you mean 'interfaces'?"""),
    ("undeclared_driver_not_close", "history.yaml",
     YAML.replace("{users: 1200}", "{users: 1200, size: 2}"), """\
history.yaml:7:28: projects[1].drivers.size: driver 'size' is not declared in the assumptions \
(drivers)
  expected: one of the declared drivers: users, interfaces, data_gb
  found:    'size'
  7 |     drivers: {users: 1200, size: 2}
    |                            ^
  hint: declare it under drivers in assumptions.yaml with its elasticity, or remove it"""),
    # The misspelling is reported, not also the driver it misses.
    ("misspelt_driver", "history.yaml", YAML.replace("{users: 1200}", "{usres: 1200}"), """\
history.yaml:7:15: projects[1].drivers.usres: driver 'usres' is not declared in the \
assumptions (drivers)
  expected: one of the declared drivers: users, interfaces, data_gb
  found:    'usres'
  7 |     drivers: {usres: 1200}
    |               ^
  hint: did you mean 'users'?"""),
    ("missing_driver", "history.yaml", YAML.replace("{users: 1200}",
                                                    "{users: 1200, interfaces: 2}"), """\
history.yaml:4:14: projects[0].drivers: project 'p1' lacks the driver interfaces
  expected: the drivers every project of the history gives: users, interfaces
  found:    users
  4 |     drivers: {users: 300}
    |              ^
  hint: the history must give the same drivers for every project: add the missing values, or \
leave the driver out of every project

history.yaml:10:14: projects[2].drivers: project 'p3' lacks the driver interfaces
  expected: the drivers every project of the history gives: users, interfaces
  found:    users
  10 |     drivers: {users: 50}
     |              ^
  hint: the history must give the same drivers for every project: add the missing values, or \
leave the driver out of every project"""),
    ("no_driver", "history.yaml", YAML.replace("{users: 1200}", "{}"), """\
history.yaml:7:14: projects[1].drivers: project 'p2' gives no driver
  expected: the drivers the other projects give: users
  found:    no driver
  7 |     drivers: {}
    |              ^
  hint: the backtest scales each project by its drivers: give them"""),
    ("not_a_number", "history.yaml", YAML.replace("actual: 12k", "actual: twelve"), """\
history.yaml:8:13: projects[1].actual: not a number
  expected: one number > 0, such as 5152, 12k or 1.2M
  found:    'twelve'
  8 |     actual: twelve
    |             ^"""),
    ("zero", "history.yaml", YAML.replace("actual: 12k", "actual: 0"), """\
history.yaml:8:13: projects[1].actual: a value of zero or less where only a positive value \
makes sense
  expected: a value > 0
  found:    0
  8 |     actual: 0
    |             ^"""),
    ("zero_driver", "history.yaml", YAML.replace("{users: 1200}", "{users: -3}"), """\
history.yaml:7:22: projects[1].drivers.users: a value of zero or less where only a positive \
value makes sense
  expected: a value > 0
  found:    -3
  7 |     drivers: {users: -3}
    |                      ^
  hint: a size driver counts through (x / x_ref)^e, and 0 would make the cost 0: write 1 for \
none (no interfaces, one user)"""),
    ("range", "history.yaml", YAML.replace("actual: 12k", "actual: 10k to 14k"), """\
history.yaml:8:13: projects[1].actual: a range where one number is expected
  expected: one number > 0, such as 5152, 12k or 1.2M
  found:    10k to 14k
  8 |     actual: 10k to 14k
    |             ^
  hint: a past project's actual cost is known: write that one figure"""),
    ("distribution", "history.yaml",
     YAML.replace("actual: 12k", "actual: 12k\n    estimate: {pert: [8k, 10k, 15k]}"), """\
history.yaml:9:15: projects[1].estimate: a distribution where one number is expected
  expected: one number > 0, such as 5152, 12k or 1.2M
  found:    pert(8k, 10k, 15k)
  9 |     estimate: {pert: [8k, 10k, 15k]}
    |               ^
  hint: write the first estimate as it was given, as one figure (its low end, middle or high \
end)"""),
    ("percent_cost", "history.yaml", YAML.replace("actual: 12k", "actual: 12%"), """\
history.yaml:8:13: projects[1].actual: a percentage where an amount of money is expected
  expected: an amount of money, such as 500k, 500 000 € or 1.2M
  found:    '12%'
  8 |     actual: 12%
    |             ^
  hint: a share of another amount cannot be written here: write the amount itself"""),
    ("percent_driver", "history.yaml", YAML.replace("{users: 1200}", "{users: 12%}"), """\
history.yaml:7:22: projects[1].drivers.users: a percentage where a size is expected
  expected: a size, such as 120, 1 200 or 1.2k
  found:    '12%'
  7 |     drivers: {users: 12%}
    |                      ^
  hint: write the size itself"""),
    ("ambiguous_number", "history.yaml", YAML.replace("actual: 12k", "actual: 1.234"), """\
history.yaml:8:13: projects[1].actual: ambiguous number: a dot followed by three digits may \
group thousands
  expected: no separator for thousands (500000, 500 000, 500k), or a decimal with other than \
three decimals
  found:    '1.234'
  8 |     actual: 1.234
    |             ^
  hint: write 1234 for thousands, or 1.2340 for a decimal"""),
    ("duplicate_id", "history.yaml", YAML.replace("id: p3", "id: p1"), """\
history.yaml:9:9: projects[2].id: duplicate project id 'p1'
  9 |   - id: p1
    |         ^
  first used at: history.yaml:3:9
    3 |   - id: p1
      |         ^
  hint: ids must be unique within a file"""),
    ("categories", "history.yaml", YAML.replace(
        "actual: 12k", "actual: 12k\n    kind: vendr\n    strategy: rehots\n"
        "    criticality: extreme"), """\
history.yaml:9:11: projects[1].kind: unknown kind 'vendr'
  expected: one of vendor, in-house, lutece, saas
  found:    'vendr'
  9 |     kind: vendr
    |           ^
  hint: did you mean 'vendor'?

history.yaml:10:15: projects[1].strategy: unknown strategy 'rehots'
  expected: one of retain, retire, rehost, replatform, refactor, repurchase
  found:    'rehots'
  10 |     strategy: rehots
     |               ^
  hint: did you mean 'rehost'?

history.yaml:11:18: projects[1].criticality: unknown criticality 'extreme'
  expected: one of low, medium, high, vital
  found:    'extreme'
  11 |     criticality: extreme
     |                  ^"""),
    ("unknown_top_key", "history.yaml", YAML.replace("projects:", "projets:"), """\
history.yaml:2:1: projets: unknown key 'projets'
  expected: one of version, unit, projects
  2 | projets:
    | ^
  hint: did you mean 'projects'?"""),
    ("unknown_project_key", "history.yaml", YAML.replace("actual: 12k", "actul: 12k"), """\
history.yaml:8:5: projects[1].actul: unknown key 'actul'
  expected: one of id, name, drivers, actual, estimate, kind, strategy, criticality, \
provenance, notes
  8 |     actul: 12k
    |     ^
  hint: did you mean 'actual'?"""),
    ("csv_no_actual_column", "history.csv", CSV.replace("actual", "cost"), """\
history.csv:1:1: no 'actual' column
  expected: a column 'actual': the actual cost of each project
  found:    the columns id, users, cost
  1 | id,users,cost
    | ^
  hint: name the column of actual costs 'actual'

history.csv:1:10: cost: driver 'cost' is not declared in the assumptions (drivers)
  expected: one of the declared drivers: users, interfaces, data_gb
  found:    'cost'
  1 | id,users,cost
    |          ^
  hint: declare it under drivers in assumptions.yaml with its elasticity, or remove it"""),
    ("csv_no_driver_column", "history.csv", "id,actual,name\np1,1,a\np2,2,b\np3,3,c\n", """\
history.csv:1:1: no driver column: the history must give at least one driver
  expected: a column for each driver the projects give, named as in the assumptions: users, \
interfaces, data_gb
  found:    the columns id, actual, name
  1 | id,actual,name
    | ^"""),
    ("csv_duplicate_column", "history.csv",
     "id,users,Users,actual\np1,1,1,5\np2,1,1,5\np3,1,1,5\n", """\
history.csv:1:10: Users: duplicate column 'Users'
  1 | id,users,Users,actual
    |          ^
  first used at: history.csv:1:4
    1 | id,users,Users,actual
      |    ^
  hint: rename or remove one of the two (names are compared ignoring case)"""),
    # An undeclared column is reported once, at the header.
    ("csv_undeclared_driver", "history.csv", CSV.replace("users", "Usrs"), """\
history.csv:1:4: Usrs: driver 'Usrs' is not declared in the assumptions (drivers)
  expected: one of the declared drivers: users, interfaces, data_gb
  found:    'Usrs'
  1 | id,Usrs,actual
    |    ^
  hint: did you mean 'users'?"""),
    ("csv_empty_driver_cell", "history.csv",
     "id,users,interfaces,actual\np1,300,2,5152\np2,,3,12k\np3,50,1,900\n", """\
history.csv:3:4: users: project 'p2' lacks the driver users
  expected: the drivers every project of the history gives: users, interfaces
  found:    interfaces
  3 | p2,,3,12k
    |    ^
  hint: the history must give the same drivers for every project: add the missing values, or \
leave the driver out of every project"""),
    ("csv_empty_actual_cell", "history.csv", CSV.replace("p2,1200,12k", "p2,1200,"), """\
history.csv:3:9: actual: no actual cost
  expected: the actual cost of the project, one number > 0
  found:    an empty cell
  3 | p2,1200,
    |         ^"""),
    ("csv_ambiguous_number", "history.csv", CSV.replace("5152", "1.234"), """\
history.csv:2:8: actual: ambiguous number: a dot followed by three digits may group thousands
  expected: no separator for thousands (500000, 500 000, 500k), or a decimal with other than \
three decimals
  found:    '1.234'
  2 | p1,300,1.234
    |        ^
  hint: write 1234 for thousands, or 1.2340 for a decimal"""),
    ("csv_range", "history.csv", CSV.replace("12k", "10k to 14k"), """\
history.csv:3:9: actual: a range where one number is expected
  expected: one number > 0, such as 5152, 12k or 1.2M
  found:    10k to 14k
  3 | p2,1200,10k to 14k
    |         ^
  hint: a past project's actual cost is known: write that one figure"""),
    ("csv_cell_count", "history.csv", CSV.replace("p2,1200,12k", "p2,1,5,12k"), """\
history.csv:3:1: this row has 4 cells; the header has 3 columns
  expected: 3 cells separated by ','
  found:    4 cells
  3 | p2,1,5,12k
    | ^
  hint: in a file separated by ',', a decimal comma splits a number in two: quote the number \
("1,5"), write a decimal point, or separate the columns with ';'"""),
    ("csv_ambiguous_separator", "history.csv", "id,users;x,actual\np1,1;2,3\n", """\
history.csv:1:1: ambiguous separator: the header holds ',' and ';'
  expected: columns separated by one of ',', ';' or tab
  found:    'id,users;x,actual'
  1 | id,users;x,actual
    | ^
  hint: separate the columns with one of them, and quote the names that hold another"""),
    ("csv_no_separator", "history.csv", "actual\n1\n2\n3\n", """\
history.csv:1:1: cannot tell the columns apart: the header has no ',', ';' or tab between \
names
  expected: a header row such as id,users,actual (columns separated by ',', ';' or tabs)
  found:    'actual'
  1 | actual
    | ^"""),
    ("csv_unclosed_quote", "history.csv", CSV.replace("p2,", 'p2,"1"2'), """\
history.csv:3:1: invalid CSV: ',' expected after '"'
  3 | p2,"1"21200,12k
    | ^
  hint: a cell that starts with '"' ends at the next '"': quote the whole cell, and double \
the quotes inside it (\"\")"""),
    ("csv_invalid_id", "history.csv", CSV.replace("p2,", "P 2,"), """\
history.csv:3:1: id: not a valid id
  expected: a slug: lowercase letters, digits, '-' and '_', starting with a letter or digit
  found:    'P 2'
  3 | P 2,1200,12k
    | ^"""),
    ("csv_empty_id", "history.csv", CSV.replace("p2,", ","), """\
history.csv:3:1: id: a project without an id
  expected: a slug: lowercase letters, digits, '-' and '_', starting with a letter or digit
  3 | ,1200,12k
    | ^
  hint: give every project an id, or remove the id column (the ids are then row-N)"""),
    ("csv_not_utf8", "history.csv",
     "id;users;actual;kind\np1;1;2;vendor\np2;1;2;\np3;1;2;caf\xe9\n".encode("latin-1"), """\
history.csv:4:11: file is not valid UTF-8
  4 | p3;1;2;café
    |           ^
  hint: the file looks like Latin-1 or Windows-1252 (byte 0xE9); save it as UTF-8"""),
    ("csv_empty", "history.csv", "\n \n", """\
history.csv: file is empty
  hint: a history starts with a header row such as id,users,actual, then one row per past \
project"""),
    ("yaml_empty", "history.yaml", "# nothing yet\n", """\
history.yaml: file is empty
  hint: a history holds a list of past projects: projects: [{id: p1, drivers: {…}, actual: \
…}, …]"""),
    ("extension", "history.xlsx", "PK", """\
history.xlsx: not a history file: its extension says neither YAML nor CSV
  expected: a file ending in .yaml, .yml, .csv, .tsv, .txt
  found:    '.xlsx'
  hint: save the history as YAML (.yaml) or as CSV (.csv)"""),
]


@pytest.mark.parametrize(("name", "content", "expected"),
                         [pytest.param(*case[1:], id=case[0]) for case in REFUSALS])
def test_refusal(folder: Path, name: str, content: str | bytes, expected: str) -> None:
    count = expected.count("\n\nhistory")
    end = ("Error: 1 problem; nothing was computed." if count == 0
           else f"Error: {count + 1} problems in 1 file; nothing was computed.")
    assert errors(folder, name, content) == f"{expected}\n\n{end}"


def test_every_problem_of_a_file_at_once(folder: Path) -> None:
    with pytest.raises(InputError) as info:
        load(write(folder, "history.csv", """\
id,users,actual,kind,size
p1,0,5152,vendor,1
p1,1200,twelve,vendr,2
"""))
    assert [(p.location.line, p.location.column, p.path, p.message)
            for p in info.value.problems] == [
        (1, 1, "", "a backtest needs at least 3 past projects; found 2"),
        (1, 22, "size", "driver 'size' is not declared in the assumptions (drivers)"),
        (2, 4, "users", "a value of zero or less where only a positive value makes sense"),
        (3, 1, "id", "duplicate project id 'p1'"),
        (3, 9, "actual", "not a number"),
        (3, 16, "kind", "unknown kind 'vendr'"),
    ]


def test_a_folder(folder: Path) -> None:
    (folder / "past").mkdir()
    with pytest.raises(InputError) as info:
        load(folder / "past")
    assert info.value.render() == """\
past: is a folder, not a history file
  hint: give the file of past projects (.yaml or .csv) inside it

Error: 1 problem; nothing was computed."""


def test_a_missing_file(folder: Path) -> None:
    with pytest.raises(InputError) as info:
        load(folder / "history.csv")
    assert info.value.render() == """\
history.csv: file not found
  hint: give the file of past projects (.yaml or .csv)

Error: 1 problem; nothing was computed."""



# --- in French ----------------------------------------------------------------------------


def french(text: str) -> str:
    """``text`` with the no-break spaces French typography puts before ':' and ';'."""
    return text.replace(" :", "\u00a0:").replace(" ;", "\u202f;")


def test_a_csv_history_refused_in_french(folder: Path) -> None:
    with pytest.raises(InputError) as info:
        load(write(folder, "history.csv", "id;users;actual;kind\np1;300;5152;zzz\n"
                                          "p2;1200;1,2 à 3;\np3;50\n"))
    assert info.value.render("fr") == french("""\
history.csv:2:13: kind\u00a0: type inconnu 'zzz'
  attendu : une valeur parmi vendor, in-house, lutece, saas
  trouvé :  'zzz'
  2 | p1;300;5152;zzz
    |             ^

history.csv:3:9: actual\u00a0: une fourchette là où un seul nombre est attendu
  attendu : un seul nombre > 0, tel que 5152, 12k ou 1,2M
  trouvé :  1,2 à 3
  3 | p2;1200;1,2 à 3;
    |         ^
  conseil : le coût réel d'un projet passé est connu : écrivez ce seul nombre

history.csv:4:1: cette ligne compte 2 cellules ; l'en-tête compte 4 colonnes
  attendu : 4 cellules séparées par ';'
  trouvé :  2 cellules
  4 | p3;50
    | ^

Erreur : 3 problèmes dans 1 fichier ; rien n'a été calculé.""")


def test_a_yaml_history_refused_in_french(folder: Path) -> None:
    with pytest.raises(InputError) as info:
        load_history(write(folder, "history.yaml", """\
projects:
  - {id: p1, drivers: {users: 300, interfaces: 4}, actual: 5152, strategy: x}
  - {id: p2, drivers: {users: 120}, actual: 800}
"""), DRIVERS, {**CATEGORIES, "strategy": []})
    assert info.value.render("fr") == french("""\
history.yaml:2:3: projects\u00a0: une validation rétrospective demande au moins 3 projets passés ; \
le fichier en donne 2
  2 |   - {id: p1, drivers: {users: 300, interfaces: 4}, actual: 5152, strategy: x}
    |   ^
  conseil : ajoutez des projets passés, chacun avec ses inducteurs et son coût réel

history.yaml:2:76: projects[0].strategy\u00a0: stratégie inconnue 'x'
  attendu : néant (les hypothèses ne définissent aucune stratégie)
  trouvé :  'x'
  2 |   - {id: p1, drivers: {users: 300, interfaces: 4}, actual: 5152, strategy: x}
    |                                                                            ^

history.yaml:3:23: projects[1].drivers\u00a0: il manque au projet 'p2' l'inducteur interfaces
  attendu : les inducteurs que donne chaque projet de l'historique : users, interfaces
  trouvé :  users
  3 |   - {id: p2, drivers: {users: 120}, actual: 800}
    |                       ^
  conseil : l'historique doit donner les mêmes inducteurs pour chaque projet : ajoutez les \
valeurs manquantes, ou retirez l'inducteur de tous les projets

Erreur : 3 problèmes dans 1 fichier ; rien n'a été calculé.""")


def test_a_file_that_is_no_history_refused_in_french(folder: Path) -> None:
    with pytest.raises(InputError) as info:
        load(write(folder, "history.xlsx", "PK"))
    assert info.value.render("fr") == french("""\
history.xlsx: ce n'est pas un fichier d'historique : son extension n'indique ni YAML ni CSV
  attendu : un fichier dont le nom se termine par .yaml, .yml, .csv, .tsv, .txt
  trouvé :  '.xlsx'
  conseil : enregistrez l'historique en YAML (.yaml) ou en CSV (.csv)

Erreur : 1 problème ; rien n'a été calculé.""")
    (folder / "past").mkdir()
    with pytest.raises(InputError) as info:
        load(folder / "past")
    assert info.value.render("fr") == french("""\
past: est un dossier, pas un fichier d'historique
  conseil : indiquez le fichier des projets passés (.yaml ou .csv) qu'il contient

Erreur : 1 problème ; rien n'a été calculé.""")
    # An ambiguous header: its separators named in French (a tab is "tabulation").
    with pytest.raises(InputError) as info:
        load(write(folder, "history.csv", "id,users\tactual;kind\n"))
    assert info.value.problems[0].render("fr") == french("""\
history.csv:1:1: séparateur ambigu : l'en-tête contient ',', ';' et tabulation
  attendu : des colonnes séparées par un seul séparateur : ',', ';' ou tabulation
  trouvé :  'id,users\\tactual;kind'
  1 | id,users actual;kind
    | ^
  conseil : séparez les colonnes par l'un d'eux, et mettez entre guillemets les noms qui \
en contiennent un autre""")


# --- no traceback, whatever the file ------------------------------------------------------

_CELLS = st.sampled_from(["", "12", "1.234", "1,5", "12k", "-3", "0", "1e308", "nan", "100 to 200",
                          "50%", "vendor", "retain", "\"1,5\"", "é", "\x00", "'x", " 7 "])
_HEADS = st.sampled_from(["id", "actual", "estimate", "users", "Users", "usres", "kind",
                          "strategy", "name", "", "actual"])


@settings(max_examples=150, deadline=None, database=None, derandomize=True)
@given(heads=st.lists(_HEADS, min_size=1, max_size=5),
       rows=st.lists(st.lists(_CELLS, min_size=0, max_size=6), max_size=6),
       delimiter=st.sampled_from([",", ";", "\t"]))
def test_any_csv_gives_a_history_or_clean_problems(tmp_path_factory: pytest.TempPathFactory,
                                                   heads: list[str], rows: list[list[str]],
                                                   delimiter: str) -> None:
    # Whatever the cells, load_history returns a History whose projects all carry positive
    # finite figures, or raises InputError whose every problem renders: never another
    # exception.
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "history.csv"
    text = "\n".join(delimiter.join(r) for r in [heads, *rows]) + "\n"
    path.write_text(text, encoding="utf-8")
    try:
        history = load_history(path, ["users", "interfaces"], CATEGORIES)
    except InputError as exc:
        assert exc.problems
        assert all(problem.render() for problem in exc.problems)
        return
    assert len(history.projects) >= 3
    for project in history.projects:
        assert 0 < project.actual < math.inf
        assert all(0 < x < math.inf for x in project.drivers)
