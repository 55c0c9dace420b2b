"""The shipped thesaurus: its data, its rules, and the cluster reading them.

The data tests need no service. `test_the_node_expands_like_python` puts the
analysis settings on a real node and checks that OpenSearch's synonym_graph
finds the same terms as Python's segmentation (both backends must read a
query the same way).
"""

import json
import uuid

import pytest

from portal.text import fold
from search import documents
from search.text import raw_tokens
from search.thesaurus import VOCABULARY, read_groups, thesaurus
from tests.search.sample import EVAL_CATALOGUE, EVAL_QUERIES, SAMPLE


def _groups(name: str):
    return read_groups(VOCABULARY / name)


def _catalogue_syllables() -> set[str]:
    words: set[str] = set()
    for path in (SAMPLE, EVAL_CATALOGUE):
        for record in json.loads(path.read_text(encoding="utf-8")):
            words.update(fold(w) for w in raw_tokens(record["name"]))
    return words


@pytest.mark.smoke
def test_the_vocabulary_is_large_enough():
    vietnamese, english = _groups("thesaurus.txt"), _groups("glossary_en.txt")
    assert len(vietnamese) >= 300
    assert len(english) >= 250
    # Abbreviations the issue names are there.
    terms = {fold(t) for g in vietnamese for t in (*g.terms, *g.finds)}
    for abbreviation in ("gplx", "gcn", "qsdd", "dkkd", "mst", "cccd", "bhxh"):
        assert abbreviation in terms


@pytest.mark.smoke
def test_no_test_query_is_a_thesaurus_entry():
    """The thesaurus is built from procedure names and domain knowledge, never
    from the judged test queries: no test query of two or more words is
    verbatim one of its terms. (A one-word test query such as "CCCD" or
    "passport" is the canonical term of its concept; no thesaurus could leave
    it out.)"""
    entries = {
        " ".join(raw_tokens(term))
        for name in ("thesaurus.txt", "glossary_en.txt")
        for group in _groups(name)
        for term in (*group.terms, *group.finds)
    }
    queries = json.loads(EVAL_QUERIES.read_text(encoding="utf-8"))
    clashes = [
        q["q"]
        for q in queries
        if q["split"] == "test"
        and len(raw_tokens(q["q"])) > 1
        and " ".join(raw_tokens(q["q"])) in entries
    ]
    assert clashes == []


@pytest.mark.smoke
def test_english_words_do_not_widen_vietnamese_typed_without_diacritics():
    # International words Vietnamese names use as they are.
    loanwords = {"lpg", "massage", "karaoke", "spa", "gym", "visa", "taxi", "website"}
    syllables = _catalogue_syllables() - loanwords
    clashes = [
        term
        for group in _groups("glossary_en.txt")
        for term in group.terms
        if " " not in term and fold(term) in syllables
    ]
    assert clashes == []


@pytest.mark.smoke
def test_one_syllable_terms_match_only_with_their_diacritics():
    words = thesaurus()
    opened = words.segment(raw_tokens("mở công ty"))
    assert "thanh lap" in opened[0].alternatives  # "mở" (open): "thành lập"
    mine = words.segment(raw_tokens("mo cong ty"))
    assert mine[0].alternatives == ()  # "mo" may be "mỏ" (a mine)
    # Longer terms match typed without diacritics too, either i/y spelling.
    for typed in ("so do", "sổ đỏ", "Sổ Đỏ"):
        assert words.segment(raw_tokens(typed))[0].alternatives
    assert words.segment(raw_tokens("dang ki kinh doanh"))[0].alternatives
    assert words.segment(raw_tokens("dang ky kinh doanh"))[0].alternatives


@pytest.mark.smoke
def test_one_way_groups_widen_only_the_everyday_word():
    words = thesaurus()
    assert "khai tu" in words.segment(raw_tokens("chết"))[0].alternatives
    khai_tu = words.segment(raw_tokens("khai tử"))[0].alternatives
    assert "chet" not in khai_tu and "mat" not in khai_tu


@pytest.mark.smoke
def test_slips_of_the_diacritics_in_known_terms_are_repaired():
    catalogue = {"hộ", "chiếu", "bị", "mất", "đăng", "kí", "thi", "tặng", "cho"}
    known = catalogue.__contains__
    repair = thesaurus().repair
    assert repair(raw_tokens("hộ chiêu bị mất"), known) == raw_tokens("hộ chiếu bị mất")
    # Words the catalogue writes that way are left alone, even when a term
    # folds the same ("ký thi tốt nghiệp" is not "kỳ thi tốt nghiệp").
    assert repair(raw_tokens("tặng cho"), known) == raw_tokens("tặng cho")
    assert repair(["đăng", "kí", "thi"], known) == ["đăng", "kí", "thi"]


@pytest.mark.smoke
def test_every_rule_line_is_well_formed():
    rules = thesaurus().synonym_rules()
    assert len(rules) == len(set(rules)) > 1000
    for rule in rules:
        left, right = rule.split(" => ")
        assert left and right.split(", ")[0] == left


@pytest.mark.search
def test_the_node_expands_like_python(cluster):
    """OpenSearch's synonym_graph (the thesaurus as index settings) expands a
    query into the same terms Python's segmentation finds."""
    name = f"{documents.alias_name('vi')}_probe_{uuid.uuid4().hex[:6]}"
    body = documents.index_body("vi", name)
    cluster.create_index(name, {"settings": body["settings"]})
    try:
        for typed in ("lam so do", "mở công ty", "xin visa", "GPLX"):
            answer = cluster.call(
                "indices.analyze",
                index=name,
                body={"analyzer": "portal_search", "text": typed},
            )
            tokens = {t["token"] for t in answer["tokens"]}
            expected = set()
            for segment in thesaurus().segment(raw_tokens(typed)):
                for phrase in segment.phrases:
                    expected.update(phrase.split())
            assert tokens == expected, typed
    finally:
        cluster.delete_index(name)


@pytest.mark.smoke
def test_the_check_command_reports_the_version():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("search_thesaurus", "check", stdout=out)
    assert f"version {thesaurus().version}" in out.getvalue()


@pytest.mark.search
def test_mining_lists_frequent_name_terms_not_covered(on_database):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("search_thesaurus", "mine", "--limit", "50", stdout=out)
    terms = [line.split("\t")[1] for line in out.getvalue().splitlines()]
    assert "cấp giấy" in terms  # frequent in names, not a thesaurus term
    assert "sổ đỏ" not in terms and "kết hôn" not in terms
