"""The YAML loader: positions, duplicate keys, aliases, hostile input, never a traceback."""

import time

from gradedclaims import claims, textfile, yamlload


def load(text: str):
    return yamlload.loads(text, "f.yml")


def test_positions_of_keys_values_and_items():
    loaded = load("a: 1\nb:\n  - x\n  - y: 2\n")
    data = loaded.data
    assert loaded.problems == []
    assert data.key_pos["b"] == yamlload.Pos(2, 1)
    assert data.value_pos["a"] == yamlload.Pos(1, 4)
    assert data["b"].item_pos == [yamlload.Pos(3, 5), yamlload.Pos(4, 5)]


def test_duplicate_key_is_reported_with_both_lines_and_first_value_kept():
    loaded = load("id: one\nstatement: x\nid: two\n")
    assert [(p.line, p.column, p.code) for p in loaded.problems] == [(3, 1, "duplicate-key")]
    assert "first written at line 1" in loaded.problems[0].message
    assert loaded.data["id"] == "one"


def test_dates_stay_as_written():
    assert load("reviewed: 2026-11-22\n").data["reviewed"] == "2026-11-22"


def test_alias_is_refused_with_location():
    loaded = load("a: &x [1, 2]\nb: *x\n")
    assert loaded.data is None
    assert [(p.line, p.code) for p in loaded.problems] == [(2, "yaml-alias")]


def test_alias_bomb_is_refused_quickly():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    start = time.perf_counter()
    loaded = load("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 2
    assert [p.code for p in loaded.problems] == ["yaml-alias"]


def test_tab_indentation_is_a_located_syntax_error_with_hint():
    loaded = load("claims:\n\t- id: x\n")
    (problem,) = loaded.problems
    assert (problem.line, problem.code) == (2, "yaml-syntax")
    assert "spaces" in problem.hint


def test_bom_and_crlf_are_accepted():
    text, problem = textfile.decode(b"\xef\xbb\xbfa: 1\r\nb: 2\r\n", "f.yml")
    assert problem is None
    loaded = load(text)
    assert loaded.problems == [] and loaded.data == {"a": 1, "b": 2}
    assert loaded.data.key_pos["b"].line == 2


def test_non_utf8_bytes_are_located():
    text, problem = textfile.decode(b"a: 1\nb: caf\xe9\n", "f.yml")
    assert text is None
    assert (problem.line, problem.column, problem.code) == (2, 7, "encoding")


def test_binary_garbage_and_control_characters_are_located():
    text, problem = textfile.decode(b"a: 1\nb: \x00\x01\x02\n", "f.yml")
    assert text is None
    assert (problem.line, problem.column, problem.code) == (2, 4, "control-character")


def test_huge_file_is_refused_without_reading_it_as_yaml():
    text, problem = textfile.decode(b"a" * (textfile.MAX_BYTES + 1), "f.yml")
    assert text is None and problem.code == "file-too-large"


def test_ten_megabyte_file_loads_in_reasonable_time():
    item = "  - id: claim-{0}\n    statement: A statement that is long enough number {0}.\n"
    text = "claims:\n" + "".join(item.format(i) for i in range(125_000))
    assert len(text) > 10_000_000
    start = time.perf_counter()
    loaded = load(text)
    assert time.perf_counter() - start < 60
    assert len(loaded.data["claims"]) == 125_000


def test_empty_file_and_list_of_strings_are_clear_errors():
    empty = claims.parse("", "claims/x.yml")
    assert [(p.code, p.line) for p in empty.problems] == [("empty-file", 0)]
    strings = claims.parse("- one\n- two\n", "claims/x.yml")
    (problem,) = strings.problems
    assert problem.code == "wrong-type"
    assert problem.line == 1
    assert "mapping" in problem.message


def test_deep_nesting_does_not_crash():
    loaded = load("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert loaded.data is None or loaded.problems == []
    assert all(p.code in ("yaml-syntax", "yaml-too-deep") for p in loaded.problems)


def test_python_tags_are_not_constructed():
    loaded = load("a: !!python/object/apply:os.system ['echo hacked']\n")
    assert loaded.data is None
    assert loaded.problems[0].code == "yaml-syntax"
