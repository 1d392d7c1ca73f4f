"""Tests of the extraction benchmark: the metric on hand-made texts, and a 5-page CLI run."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import extraction
from benchmarks.metric import (
    PageScore,
    aggregate,
    score_page,
    shingles,
    tokenize,
    unmatched_runs,
)

BENCH_FOLDER = extraction.DEFAULT_FOLDER


# --------------------------------------------------------------------------- tokens, shingles


def test_tokens_are_unicode_word_runs_case_sensitive() -> None:
    assert tokenize("Ünïcode, café—naïve it's 2019!") == ["Ünïcode", "café", "naïve", "it", "s", "2019"]
    assert tokenize("The the") == ["The", "the"]
    assert tokenize(None) == [] and tokenize("  ...  ") == []


def test_shingles_sizes() -> None:
    assert shingles([]) == []
    assert shingles(["a"]) == [("a",)]
    assert shingles(["a", "b", "c"]) == [("a", "b", "c")]
    assert shingles(["a", "b", "c", "d"]) == [("a", "b", "c", "d")]
    assert shingles(list("abcdef")) == [tuple("abcd"), tuple("bcde"), tuple("cdef")]


# --------------------------------------------------------------------------- per page


def test_exact_match() -> None:
    s = score_page("One two three four five.", "One, two; three four\nfive")
    assert (s.tp, s.fp, s.fn) == (2, 0, 0)
    assert s.exact and s.precision == 1.0 and s.recall == 1.0
    assert aggregate([s]).accuracy == 1.0


def test_empty_output() -> None:
    s = score_page("one two three four five", "")
    assert (s.tp, s.fp, s.fn) == (0, 0, 2)
    assert s.empty and not s.exact
    assert s.recall == 0.0
    # punctuation only / None are empty too
    assert score_page("one two", " — … ").empty
    assert score_page("one two", None).empty


def test_short_texts_are_one_shingle() -> None:
    same = score_page("Hello world", "hello world")  # case-sensitive: different shingle
    assert (same.tp, same.fp, same.fn) == (0, 1, 1)
    assert same.precision == 0.0 and same.recall == 0.0
    partial = score_page("a b c d e", "a b c")  # 1 shingle (a,b,c) vs (a,b,c,d),(b,c,d,e)
    assert (partial.tp, partial.fp, partial.fn) == (0, 1, 2)
    one = score_page("word", "word")
    assert (one.tp, one.fp, one.fn) == (1, 0, 0) and one.exact


def test_repeated_shingles_count_as_a_multiset() -> None:
    truth = "a b c d a b c d"  # shingles: abcd bcda cdab dabc abcd -> abcd twice
    out = "a b c d"  # abcd once
    s = score_page(truth, out)
    assert (s.tp, s.fp, s.fn) == (1, 0, 4)
    assert s.precision == 1.0 and s.recall == pytest.approx(0.2)
    # the output repeating the text is penalised for the extra copies
    s2 = score_page("a b c d", "a b c d a b c d")
    assert (s2.tp, s2.fp, s2.fn) == (1, 4, 0)
    assert s2.precision == pytest.approx(0.2) and s2.recall == 1.0
    # both repeat it: every copy matches (a set comparison would find only 4 of 5)
    s3 = score_page("a b c d a b c d", "a b c d a b c d")
    assert (s3.tp, s3.fp, s3.fn) == (5, 0, 0)
    s4 = score_page("a b c d a b c d a b c d", "a b c d a b c d")  # abcd x3 vs x2
    assert (s4.tp, s4.fp, s4.fn) == (5, 0, 4)


def test_scores_are_one_when_their_error_count_is_zero() -> None:
    nothing = score_page("", "")
    assert (nothing.tp, nothing.fp, nothing.fn) == (0, 0, 0)
    assert nothing.precision == 1.0 and nothing.recall == 1.0 and nothing.exact
    spurious = score_page("", "some text here")  # nothing to find: R 1, P 0
    assert spurious.recall == 1.0 and spurious.precision == 0.0


def test_partial_overlap_precision_recall() -> None:
    truth = "w1 w2 w3 w4 w5 w6"  # 3 shingles
    out = "w1 w2 w3 w4 w5 w6 x1 x2"  # 5 shingles, 3 shared
    s = score_page(truth, out)
    assert (s.tp, s.fp, s.fn) == (3, 2, 0)
    assert s.precision == pytest.approx(0.6) and s.recall == 1.0


# --------------------------------------------------------------------------- aggregate


def test_precision_average_excludes_empty_outputs() -> None:
    good = score_page("a b c d e", "a b c d e x")  # tp 2, fp 1 -> P 2/3, R 1
    empty = score_page("a b c d e", "")  # P not counted, R 0
    agg = aggregate([good, empty])
    assert agg.precision == pytest.approx(2 / 3)  # not (2/3 + 1) / 2
    assert agg.recall == pytest.approx(0.5)
    p, r = 2 / 3, 0.5
    assert agg.f1 == pytest.approx(2 * p * r / (p + r))  # of the averages
    assert agg.accuracy == 0.0
    assert agg.empty == 1 and agg.pages == 2
    # an output with tokens but no correct shingle is not empty: it counts as P = 0
    wrong = score_page("a b c d e", "menu login share")
    assert not wrong.empty
    assert aggregate([good, wrong]).precision == pytest.approx(1 / 3)


def test_f1_is_of_averages_not_mean_of_page_f1() -> None:
    a = PageScore(tp=1, fp=0, fn=9, exact=False)  # P 1, R .1
    b = PageScore(tp=9, fp=1, fn=0, exact=False)  # P .9, R 1
    agg = aggregate([a, b])
    assert agg.precision == pytest.approx(0.95) and agg.recall == pytest.approx(0.55)
    assert agg.f1 == pytest.approx(2 * 0.95 * 0.55 / 1.5)
    assert agg.f1 != pytest.approx((a.f1 + b.f1) / 2)


def test_accuracy_share_of_exact_pages() -> None:
    scores = [score_page("x y", "x, y"), score_page("x y", "x y z"), score_page("x y", "")]
    assert aggregate(scores).accuracy == pytest.approx(1 / 3)


def test_unmatched_runs_missing_and_extra() -> None:
    truth = "alpha beta gamma delta epsilon zeta eta theta iota kappa"
    out = "menu home alpha beta gamma delta epsilon"
    assert unmatched_runs(truth, out) == ["zeta eta theta iota kappa"]
    assert unmatched_runs(out, truth) == ["menu home"]
    assert unmatched_runs(truth, truth) == []
    # a word dropped in the middle is reported alone, a repeated block once per extra copy
    assert unmatched_runs("a b c d X e f g h", "a b c d e f g h") == ["X"]
    assert unmatched_runs("a b c d a b c d", "a b c d") == ["a b c d"]


# --------------------------------------------------------------------------- harness


def test_harness_counts_errors_and_skips_and_goes_on() -> None:
    pages = [
        extraction.Page("p1", "https://e.example/1", "<p>x</p>", "one two three four five"),
        extraction.Page("p2", "https://e.example/2", "<p>y</p>", "six seven"),
    ]

    def broken(html: str, url: str) -> str | None:
        raise NotImplementedError

    def skipping(html: str, url: str) -> str | None:
        raise extraction._Skipped("not an article")

    def perfect(html: str, url: str) -> str | None:
        return {"https://e.example/1": "one two three four five", "https://e.example/2": "six seven"}[url]

    results = extraction.run(
        pages=pages, chosen={extraction.OURS: broken, "skipper": skipping, "perfect": perfect}
    )
    by_name = {r.name: r for r in results}
    assert by_name[extraction.OURS].errors == 2 and by_name[extraction.OURS].empty == 0
    assert by_name["skipper"].errors == 0 and by_name["skipper"].empty == 2
    assert by_name["perfect"].f1 == 1.0 and by_name["perfect"].accuracy == 1.0
    table = extraction.format_table(results)
    assert "NotImplementedError" in table and "not an article" in table


def test_snippets_count_kept_sentences_and_leaked_boilerplate_as_whole_words() -> None:
    page = extraction.Page(
        "p1", "https://e.example/1", "", "The Home Office said on Monday the plan stands.",
        must_have=("the plan  stands.",), must_not=("Home", "Login", "Share"),
    )
    counts = extraction.SnippetCounts()
    counts.add(page, "Login\nThe plan stands. Shares fell.\nShare")
    # "Home" is in the true body (not counted); "Shares" is no whole-word "Share", the last line is
    assert (counts.kept, counts.must_have) == (1, 1)
    assert (counts.leaked, counts.must_not, counts.leaking_pages) == (2, 2, 1)
    clean = extraction.SnippetCounts()
    clean.add(page, None)
    assert (clean.kept, clean.leaked, clean.cell()) == (0, 0, "0.0% / 0.0% (0p)")


def test_leaks_list_each_leaked_string_with_the_output_line_holding_it() -> None:
    page = extraction.Page(
        "p1", "https://e.example/1", "", "The plan stands, the council said.",
        must_not=("Sign up for our letter", "Read more", "council"),
    )
    output = "The plan stands, the council said.\nSign up for our letter today\nRead\nmore"
    # "council" is in the true body: not counted; "Read more" runs across two lines
    assert extraction.leaked_lines(page, output) == [
        ("sign up for our letter", "Sign up for our letter today"), ("read more", None)]
    results = extraction.run(pages=[page], chosen={extraction.OURS: lambda html, url: output})
    listing = extraction.format_leaks(results, [page])
    assert listing.splitlines()[0].endswith("leaked (2), with the output line holding each:")
    assert "in: Sign up for our letter today" in listing and "(runs across lines)" in listing
    assert extraction.format_leaks(results, [extraction.Page("p1", "https://e.example/1", "", "x")]) == ""


def test_snippet_and_language_tables_are_printed_only_when_the_corpus_has_them() -> None:
    english = "The council approved the new budget on Tuesday after a long debate about schools and roads. " * 3
    german = "Der Stadtrat hat am Dienstag nach einer langen Debatte über Schulen und Straßen den Haushalt beschlossen. " * 3
    pages = [
        extraction.Page("p1", "https://e.example/1", "", english, must_not=("Login",)),
        extraction.Page("p2", "https://f.example/2", "", german),
    ]
    outputs = {"https://e.example/1": english + " Login", "https://f.example/2": german}
    results = extraction.run(pages=pages, chosen={extraction.OURS: lambda html, url: outputs[url]})
    snippets = extraction.format_snippets(results, pages)
    assert "100.0% (1p)" in snippets and "n/a /" in snippets
    languages = extraction.format_languages(results, pages)
    assert "other: de 1" in languages and " en " in languages
    no_truth = [extraction.Page("p1", "https://e.example/1", "", english), extraction.Page("p3", "https://g.example/3", "", "")]
    assert extraction.format_languages(extraction.run(pages=no_truth, chosen={extraction.OURS: lambda h, u: ""}), no_truth) == ""
    plain = [extraction.Page("p1", "https://e.example/1", "", english)]
    assert extraction.format_snippets(extraction.run(pages=plain, chosen={extraction.OURS: lambda h, u: english}), plain) == ""


def test_missing_folder_fails_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope"
    assert extraction.main([str(missing)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(missing) in err


@pytest.mark.skipif(not BENCH_FOLDER.is_dir(), reason=f"benchmark set absent: {BENCH_FOLDER}")
def test_main_on_five_pages(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    json_path = tmp_path / "bench.json"
    assert extraction.main([str(BENCH_FOLDER), "--limit", "5", "--worst", "2", "--json", str(json_path)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "== article-extraction (5 article pages)"
    lines = lines[1:]
    header = lines[0].split()
    for column in ["extractor", "F1", "precision", "recall", "accuracy", "empty", "errors", "pages/s", "speed", "×"]:
        assert column in header, column
    rows = {line.split()[0]: line.split() for line in lines[2:5]}
    assert set(rows) == {"newsspider", "trafilatura-defaults", "trafilatura-fast"}
    for name in ("trafilatura-defaults", "trafilatura-fast"):
        row = rows[name]
        assert len(row) == 9
        assert float(row[1]) > 0.8  # trafilatura does well on these pages
        assert row[6] == "0"  # no errors
    assert "newsspider / trafilatura-defaults speed ratio:" in out
    assert "newsspider / trafilatura-fast speed ratio:" in out
    assert "Worst 2 pages" in out
    parts = [line.split()[0] for line in lines if line.split()[:1] in (["tuning"], ["validation"], ["all"])]
    assert parts[-1] == "all" and set(parts) <= {"tuning", "validation", "all"}
    assert "emptied" in out and "broken" in out
    assert json_path.is_file()
