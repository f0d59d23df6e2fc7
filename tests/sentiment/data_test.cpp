// The sentiment experiment's data: loading reviews, the paper's text pipeline, the vocabulary.
#include <doctest/doctest.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "io/config_file.hpp"
#include "sentiment/data/expected_ratings.hpp"
#include "sentiment/data/morphstr_lemmatiser.hpp"
#include "sentiment/data/paper_cleaning.hpp"
#include "sentiment/data/preprocess.hpp"
#include "sentiment/data/reviews.hpp"
#include "sentiment/data/vocabulary.hpp"
#include "sentiment/data/wordnet_lemmatiser.hpp"

namespace hardmax::sentiment {
namespace {

namespace fs = std::filesystem;
using tokens = std::vector<std::string>;

const fs::path shared_data = HARDMAX_SHARED_DATA;

const text_pipeline& pipeline() {
  static const text_pipeline p(shared_data / "stopwords-en.txt");
  return p;
}

// This process's scratch space, removed when the tests end.
const fs::path& scratch() {
  struct root {
    fs::path path = fs::temp_directory_path() / ("hardmax-sentiment-data-" + std::to_string(::getpid()));
    ~root() {
      std::error_code ignored;
      fs::remove_all(path, ignored);
    }
  };
  static const root r;
  return r.path;
}

// One directory per test case, so cases can run in any order and a failed run leaves nothing that
// confuses the next.
fs::path fresh_dir(const std::string& name) {
  const fs::path dir = scratch() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

fs::path write_file(const fs::path& file, const std::string& content) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << content;
  return file;
}

fs::path write_gzip(const fs::path& file, const std::string& content) {
  gzFile out = gzopen(file.c_str(), "wb");
  REQUIRE(out != nullptr);
  REQUIRE(gzwrite(out, content.data(), static_cast<unsigned>(content.size())) == static_cast<int>(content.size()));
  REQUIRE(gzclose(out) == Z_OK);
  return file;
}

// The input_error a call throws, for checking its file (with line) and reason.
template <class F>
input_error error_of(F&& f) {
  try {
    f();
  } catch (const input_error& e) {
    return e;
  }
  FAIL("no input_error thrown");
  return input_error("", "", "");
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("clean_text drops HTML line breaks and tags but keeps the words on both sides apart") {
  CHECK(clean_text("Great film.<br /><br />The end") == "great film the end");
  CHECK(clean_text("one<br/>two<i>three</i>four") == "one two three four");
  // Not tags: a heart and a comparison lose their punctuation but nothing between them and a later tag.
  CHECK(clean_text("I <3 it, a < b then<br />c") == "i it a b then c");
}

TEST_CASE("clean_text drops URLs starting http, https or www") {
  CHECK(clean_text("see http://example.com/a?b=1 now") == "see now");
  CHECK(clean_text("see HTTPS://x.org/y, www.imdb.com/title/tt123 ok") == "see ok");
  CHECK(clean_text("link http://x.com<br />next") == "link next");
  CHECK(clean_text("awww.that") == "aww that");  // www inside a word is not a URL
}

TEST_CASE("clean_text turns punctuation into spaces and drops digits") {
  CHECK(clean_text("Wow!!!It's (really) good-ish...") == "wow it s really good ish ");
  CHECK(clean_text("rated 10/10 in 1999, 80s style") == "rated in s style");
}

TEST_CASE("clean_text squeezes whitespace, drops non-ASCII, shortens runs and lowercases") {
  CHECK(clean_text("a \t\n  b") == "a b");
  CHECK(clean_text("caf\xC3\xA9 na\xC3\xAFve") == "caf nave");
  CHECK(clean_text("Sooooo goooood!!!!") == "soo good ");
  CHECK(clean_text("aaa bbbb zz") == "aa bb zz");
  CHECK(clean_text("GREAT Movie") == "great movie");
}

TEST_CASE("the pipeline drops stop words before and after stemming") {
  CHECK(pipeline()("The movies were sooooo goooood!") == tokens{"movi", "soo", "good"});
  CHECK(pipeline()("Having watched it, I LOVED it") == tokens{"watch", "love"});
  CHECK(pipeline()("I don't know") == tokens{"know"});  // don and t are stop words
  // "others" is not a stop word, but its stem "other" is.
  CHECK(pipeline().is_stop_word("other"));
  CHECK_FALSE(pipeline().is_stop_word("others"));
  CHECK(pipeline()("others") == tokens{});
  CHECK(pipeline()("") == tokens{});
}

TEST_CASE("the pipeline stems with Snowball English in place of WordNet lemmas") {
  CHECK(pipeline()("movies acting actors wonderfully") == tokens{"movi", "act", "actor", "wonder"});
}

// Debian's wordnet-base, which scripts/setup installs: WordNet 3.0, the version NLTK's lemmatiser reads.
const fs::path wordnet_dir = "/usr/share/wordnet";

const wordnet_lemmatiser& lemma() {
  static const wordnet_lemmatiser l(wordnet_dir);
  return l;
}

TEST_CASE("WordNet lemmas as NLTK's WordNetLemmatizer gives them: irregular forms, regular plurals, unknown words") {
  CHECK(lemma().noun_lemmas() > 100000);  // WordNet 3.0 lists 117,798 noun lemmas
  CHECK(lemma().exceptions() > 2000);
  // Irregular plurals, from noun.exc.
  CHECK(lemma()("mice") == "mouse");
  CHECK(lemma()("geese") == "goose");
  CHECK(lemma()("children") == "child");
  CHECK(lemma()("wolves") == "wolf");
  // Regular plurals, by the suffix rules, kept where WordNet lists the result.
  CHECK(lemma()("dogs") == "dog");
  CHECK(lemma()("movies") == "movie");
  CHECK(lemma()("ladies") == "lady");
  CHECK(lemma()("churches") == "church");
  CHECK(lemma()("boxes") == "box");
  CHECK(lemma()("glasses") == "glass");
  // Base forms, and words WordNet lacks, are left as they are.
  CHECK(lemma()("movie") == "movie");
  CHECK(lemma()("xyzzy") == "xyzzy");
  CHECK(lemma()("Kutcher") == "Kutcher");
  CHECK(lemma()("loved") == "loved");  // a verb form: the noun lemmatiser does not touch it
  // Case-sensitive, as NLTK: WordNet's lemmas are lowercase, so capitalised words stay.
  CHECK(lemma()("Dogs") == "Dogs");
  CHECK(lemma()("Movies") == "Movies");
  // NLTK's known quirks, kept: "wa" is a WordNet noun, and "men" is one as well as its exception "man"
  // (the shortest wins, the first on ties); "axes" lists "ax" and "axis".
  CHECK(lemma()("was") == "wa");
  CHECK(lemma()("men") == "men");
  CHECK(lemma()("axes") == "ax");
  CHECK(lemma()("") == "");
}

TEST_CASE("WordNet's own morphstr lowercases and takes the first base form, unlike NLTK") {
  const morphstr_lemmatiser morph(wordnet_dir);
  CHECK(morph("mice") == "mouse");
  CHECK(morph("dogs") == "dog");
  CHECK(morph("Dogs") == "dog");  // lowercased; NLTK keeps "Dogs"
  CHECK(morph("men") == "man");   // NLTK gives "men"
  CHECK(morph("movie") == "movie");
  CHECK(morph("xyzzy") == "xyzzy");
  CHECK(morph("Kutcher") == "Kutcher");  // no base form: the word as it came
  // Longer than WordNet's 256-byte word buffer: never handed to the library.
  const std::string long_word(400, 's');
  CHECK(morph(long_word) == long_word);
  CHECK(morph("dogs") == "dog");  // the cache gives the same answer
}

TEST_CASE("a missing or empty WordNet database is an input_error naming the path, never a fallback") {
  const fs::path empty = fresh_dir("wordnet-empty");
  const input_error missing = error_of([&] { wordnet_lemmatiser{empty}; });
  CHECK(missing.file == (empty / "index.noun").string());
  CHECK(missing.field == "--wordnet");
  write_file(empty / "index.noun", "  1 licence header only\n");
  write_file(empty / "noun.exc", "mice mouse\n");
  const input_error no_entries = error_of([&] { wordnet_lemmatiser{empty}; });
  CHECK(no_entries.file == (empty / "index.noun").string());
  CHECK(contains(no_entries.reason, "no entries"));
  CHECK(error_of([&] { morphstr_lemmatiser{fresh_dir("wordnet-none")}; }).field == "--wordnet");
  text_options o;
  o.words = word_forms::wordnet;
  o.wordnet = fresh_dir("wordnet-nowhere");
  CHECK(contains(error_of([&] { text_pipeline(shared_data / "stopwords-en.txt", o); }).file, "wordnet-nowhere"));
}

TEST_CASE("the paper's cleaning deletes tags and URLs without a space, so words around them join") {
  CHECK(paper_clean_text("Great film<br /><br />The end") == "Great filmThe end");
  CHECK(paper_clean_text("Great film.<br /><br />The end") == "Great film The end");
  CHECK(paper_clean_text("see http://example.com/a?b=1 now") == "see now");
  CHECK(paper_clean_text("see HTTP://x.org now") == "see HTTP x org now");  // case-sensitive
  CHECK(paper_clean_text("link http://x.com<br />next") == "link next");    // \S+ runs through the tag
  CHECK(paper_clean_text("awww.that is it") == "a is it");                  // www. inside a word
  CHECK(paper_clean_text("http:// x") == "http x");                         // no character after the prefix
  CHECK(paper_clean_text("a <> b < c") == "a b c");                         // "<>" is not a tag
}

TEST_CASE("the paper's cleaning: punctuation, digits, Python's whitespace, non-ASCII and runs, case kept") {
  CHECK(paper_clean_text("Wow!!!It's (really) good-ish...") == "Wow It s really good ish ");
  CHECK(paper_clean_text("rated 10/10 in 1999, 80s style") == "rated in s style");
  CHECK(paper_clean_text("caf\xC3\xA9 na\xC3\xAFve") == "caf nave");
  CHECK(paper_clean_text("Sooooo goooood") == "Soo good");
  // A lone non-breaking space is not squeezed (only runs of two are) and is then deleted as
  // non-ASCII: the words join. In a run it is squeezed to one space first.
  CHECK(paper_clean_text("great\xC2\xA0movie") == "greatmovie");
  CHECK(paper_clean_text("great \xC2\xA0movie") == "great movie");
  CHECK(paper_clean_text("a\tb") == "a\tb");  // one tab is left alone, and splits words later
  CHECK(paper_clean_text("a \xE2\x80\x94 b") == "a  b");  // the space squeeze ran before the dash went
  CHECK(paper_clean_text("\xFF\xFEok") == "ok");  // invalid UTF-8: non-ASCII, deleted
  CHECK(paper_clean_text("\n\n\nx") == " x");  // whitespace runs are squeezed before the run rule
}

TEST_CASE("NLTK's word_tokenize splits on whitespace and splits six contractions, any case") {
  using tokens = std::vector<std::string>;
  CHECK(nltk_word_tokenize("I cannot go") == tokens{"I", "can", "not", "go"});
  CHECK(nltk_word_tokenize("Cannot GONNA gotta gimme lemme") == tokens{"Can", "not", "GON", "NA", "got", "ta", "gim", "me", "lem", "me"});
  CHECK(nltk_word_tokenize("wanna go wanna") == tokens{"wan", "na", "go", "wan", "na"});
  CHECK(nltk_word_tokenize("wannabe cannotx xcannot") == tokens{"wannabe", "cannotx", "xcannot"});
  CHECK(nltk_word_tokenize("a\tb\x1c c  d ") == tokens{"a", "b", "c", "d"});  // Python's str.split whitespace
  CHECK(nltk_word_tokenize("x\x01" "cannot") == tokens{"x\x01", "can", "not"});  // \b between \x01 and c
}

TEST_CASE("each text option on a tiny corpus: cleaning, case, lemmas") {
  const fs::path stop = shared_data / "stopwords-en.txt";
  const std::string review = "The Movies were great<br /><br />I cannot recommend these movies.";
  const auto tokens_with = [&](text_options o) { return text_pipeline(stop, o)(review); };
  text_options o;  // the suite's defaults
  CHECK(tokens_with(o) == tokens{"movi", "great", "cannot", "recommend", "movi"});
  o.letters = letter_case::keep;  // "The", "I" are no stop words in this case; "Movies" is not "movies"
  CHECK(tokens_with(o) == tokens{"The", "Movi", "great", "I", "cannot", "recommend", "movi"});
  o.words = word_forms::none;
  CHECK(tokens_with(o) == tokens{"The", "Movies", "great", "I", "cannot", "recommend", "movies"});
  o.words = word_forms::wordnet;
  o.wordnet = wordnet_dir;
  CHECK(tokens_with(o) == tokens{"The", "Movies", "great", "I", "cannot", "recommend", "movie"});
  o.cleaning = cleaning_rules::paper;  // tags deleted: "greatI"; "cannot" split into two stop words
  CHECK(tokens_with(o) == tokens{"The", "Movies", "greatI", "recommend", "movie"});
  CHECK(tokens_with(paper_text_options()) == tokens_with(o));
  o.letters = letter_case::lower;
  CHECK(tokens_with(o) == tokens{"movie", "greati", "recommend", "movie"});
  o.words = word_forms::morphstr;
  CHECK(tokens_with(o) == tokens{"movie", "greati", "recommend", "movie"});
}

TEST_CASE("text options have names, a JSON form, and refuse unknown names") {
  const text_options paper = paper_text_options();
  CHECK(text_options_from_json(to_json(paper)) == paper);
  CHECK(text_options_from_json(nlohmann::json::object()) == text_options{});
  CHECK(to_json(paper)["lemmas"] == "wordnet");
  CHECK_THROWS_WITH_AS(parse_word_forms("porter"), doctest::Contains("wordnet"), std::invalid_argument);
  CHECK_THROWS_AS(parse_cleaning_rules("PAPER"), std::invalid_argument);
  CHECK_THROWS_AS(text_options_from_json(nlohmann::json{{"case", "upper"}}), std::invalid_argument);
}

TEST_CASE("a missing stop-word list is an input_error") {
  CHECK_THROWS_AS(text_pipeline(fresh_dir("stop") / "absent.txt"), input_error);
}

TEST_CASE("preprocess_all gives the serial result in input order on any number of threads") {
  std::vector<review> reviews;
  for (int i = 0; i < 1000; ++i)
    reviews.push_back({"review number " + std::string(static_cast<std::size_t>(i % 7 + 1), 'x') + " word" +
                           std::string(1, static_cast<char>('a' + i % 26)) + " great movies",
                       i % 2, "r"});
  std::vector<tokens> serial;
  for (const auto& r : reviews) serial.push_back(pipeline()(r.text));
  CHECK(preprocess_all(reviews, pipeline(), 1) == serial);
  CHECK(preprocess_all(reviews, pipeline(), 3) == serial);
  CHECK(preprocess_all({}, pipeline(), 2).empty());
  CHECK_THROWS_AS(preprocess_all(reviews, pipeline(), 0), std::invalid_argument);
}

TEST_CASE("a plain CSV file loads with labels and file-and-line origins") {
  const fs::path file =
      write_file(fresh_dir("plain") / "r.csv", "review,sentiment\nGood one,positive\nBad one,negative\n");
  const auto reviews = load_reviews(file);
  REQUIRE(reviews.size() == 2);
  CHECK(reviews[0].text == "Good one");
  CHECK(reviews[0].label == 1);
  CHECK(reviews[0].origin == file.string() + ":2");
  CHECK(reviews[1].text == "Bad one");
  CHECK(reviews[1].label == 0);
  CHECK(reviews[1].origin == file.string() + ":3");
  CHECK(load_reviews(file, 1).size() == 1);
}

TEST_CASE("a gzipped CSV file is recognised by its content, not its name") {
  const fs::path dir = fresh_dir("gzip");
  const std::string csv = "review,sentiment\nfine,positive\nawful,negative";  // no final newline
  for (const char* name : {"r.csv.gz", "r.csv"}) {
    const auto reviews = load_reviews(write_gzip(dir / name, csv));
    REQUIRE(reviews.size() == 2);
    CHECK(reviews[1].text == "awful");
    CHECK(reviews[1].label == 0);
  }
  // A plain file named .gz is read as plain text.
  CHECK(load_reviews(write_file(dir / "plain.gz", csv)).size() == 2);
}

TEST_CASE("quoted CSV fields keep commas, newlines and doubled quotes, and lines count physical lines") {
  const fs::path file = write_file(fresh_dir("quoted") / "r.csv",
                                   "\xEF\xBB\xBFreview,sentiment\r\n"
                                   "\"Commas, \"\"quotes\"\"\nand a\nnewline\",positive\r\n"
                                   "\"\",\"negative\"\r\n"
                                   "after,positive\r\n");
  const auto reviews = load_reviews(file);
  REQUIRE(reviews.size() == 3);
  CHECK(reviews[0].text == "Commas, \"quotes\"\nand a\nnewline");
  CHECK(reviews[1].text.empty());
  CHECK(reviews[1].label == 0);
  CHECK(reviews[2].origin == file.string() + ":6");
}

TEST_CASE("the columns may come in either order") {
  const auto reviews = load_reviews(write_file(fresh_dir("order") / "r.csv", "sentiment,review\nnegative,meh\n"));
  REQUIRE(reviews.size() == 1);
  CHECK(reviews[0].text == "meh");
  CHECK(reviews[0].label == 0);
}

TEST_CASE("an aclImdb split directory loads pos and neg files interleaved in name order") {
  const fs::path dir = fresh_dir("acl") / "train";
  write_file(dir / "pos" / "1_9.txt", "loved it");
  write_file(dir / "pos" / "0_10.txt", "the best");
  write_file(dir / "neg" / "3_1.txt", "hated it");
  write_file(dir / "neg" / "notes.md", "not a review");
  write_file(dir / "unsup" / "5_0.txt", "unlabelled");
  const auto reviews = load_reviews(dir);
  REQUIRE(reviews.size() == 3);
  CHECK(reviews[0].text == "hated it");
  CHECK(reviews[0].label == 0);
  CHECK(reviews[0].origin == (dir / "neg" / "3_1.txt").string());
  CHECK(reviews[1].text == "the best");
  CHECK(reviews[1].label == 1);
  CHECK(reviews[2].text == "loved it");
  CHECK(load_reviews(dir, 2).size() == 2);

  const input_error root = error_of([&] { load_reviews(dir.parent_path()); });
  CHECK(contains(root.reason, "aclImdb root"));
  CHECK(contains(error_of([&] { load_reviews(dir / "pos"); }).reason, "pos/ and neg/"));
}

TEST_CASE("a bad label names the file, the line and the label") {
  const fs::path file =
      write_file(fresh_dir("label") / "r.csv", "review,sentiment\nok,positive\n\"two\nlines\",neutral\n");
  const input_error e = error_of([&] { load_reviews(file); });
  CHECK(e.file == file.string() + ":3");
  CHECK(e.field == "sentiment");
  CHECK(contains(e.reason, "'neutral'"));
  CHECK(contains(e.what(), file.string() + ":3"));
  // The same in a gzipped file.
  const fs::path gz = write_gzip(file.parent_path() / "r.csv.gz", "review,sentiment\nok,Positive\n");
  CHECK(error_of([&] { load_reviews(gz); }).file == gz.string() + ":2");
}

TEST_CASE("an unterminated quote names the line it opens on") {
  const fs::path file = write_file(fresh_dir("unterminated") / "r.csv",
                                   "review,sentiment\nok,positive\n\"never closed,negative\nmore,positive\n");
  const input_error e = error_of([&] { load_reviews(file); });
  CHECK(e.file == file.string() + ":3");
  CHECK(contains(e.reason, "unterminated"));
}

TEST_CASE("stray quotes are errors, not guesses") {
  const fs::path dir = fresh_dir("stray");
  const fs::path inside = write_file(dir / "a.csv", "review,sentiment\nsay \"hi\",positive\n");
  CHECK(error_of([&] { load_reviews(inside); }).file == inside.string() + ":2");
  const fs::path after = write_file(dir / "b.csv", "review,sentiment\n\"hi\"there,positive\n");
  CHECK(contains(error_of([&] { load_reviews(after); }).reason, "after a closing quote"));
}

TEST_CASE("a wrong number of fields names the file and line") {
  const fs::path dir = fresh_dir("columns");
  const fs::path three = write_file(dir / "a.csv", "review,sentiment\nok,positive\nsay, what,negative\n");
  const input_error e = error_of([&] { load_reviews(three); });
  CHECK(e.file == three.string() + ":3");
  CHECK(contains(e.reason, "found 3"));
  const fs::path one = write_file(dir / "b.csv", "review,sentiment\nok,positive\n\nlast,negative\n");
  CHECK(error_of([&] { load_reviews(one); }).file == one.string() + ":3");  // a blank line is a row too
}

TEST_CASE("a missing file, an empty file, a wrong header and a truncated gzip are input_errors") {
  const fs::path dir = fresh_dir("broken");
  const input_error missing = error_of([&] { load_reviews(dir / "absent.csv"); });
  CHECK(missing.file == (dir / "absent.csv").string());
  CHECK(contains(missing.reason, "no such file"));
  CHECK(contains(error_of([&] { load_reviews(write_file(dir / "empty.csv", "")); }).reason, "empty"));
  const input_error header = error_of([&] { load_reviews(write_file(dir / "h.csv", "text,label\nx,positive\n")); });
  CHECK(header.file == (dir / "h.csv").string() + ":1");

  std::string big = "review,sentiment\n";
  for (int i = 0; i < 2000; ++i) big += "a review with some words " + std::to_string(i) + ",positive\n";
  write_gzip(dir / "full.gz", big);
  std::string bytes;
  {
    std::ifstream in(dir / "full.gz", std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  const fs::path cut = write_file(dir / "cut.gz", bytes.substr(0, bytes.size() / 2));
  CHECK(contains(error_of([&] { load_reviews(cut); }).reason, "truncated"));
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x55);
  CHECK_THROWS_AS(load_reviews(write_file(dir / "corrupt.gz", bytes)), input_error);
}

TEST_CASE("vocabulary ids follow decreasing frequency with ties broken by the word") {
  const auto v = vocabulary::build({{"b", "a", "c", "c"}, {"d", "b", "c"}, {"a"}});
  // c: 3; a, b: 2 (a first); d: 1.
  CHECK(v.size() == 5);
  CHECK(v.word(0) == "<pad>");
  CHECK(v.id("c") == 1);
  CHECK(v.id("a") == 2);
  CHECK(v.id("b") == 3);
  CHECK(v.id("d") == 4);
  CHECK(v.word(4) == "d");
  CHECK(v.id("zebra") == 0);
  CHECK_THROWS_AS(v.word(5), std::out_of_range);
  CHECK_THROWS_AS(v.word(-1), std::out_of_range);
  // The same documents in another order give the same ids.
  const auto w = vocabulary::build({{"a"}, {"c", "d", "b"}, {"c", "c", "a", "b"}});
  for (std::int32_t i = 0; i < 5; ++i) CHECK(w.word(i) == v.word(i));
  CHECK_THROWS_AS(vocabulary::build({{"two words"}}), std::invalid_argument);
  CHECK_THROWS_AS(vocabulary::build({{"<pad>"}}), std::invalid_argument);
}

TEST_CASE("encoding drops unknown words, right-pads with 0 and cuts at 128") {
  const auto v = vocabulary::build({{"good", "bad", "good"}});
  const encoded_review short_one = v.encode({"bad", "unknown", "good"}, 1);
  CHECK(short_one.label == 1);
  CHECK(short_one.ids[0] == v.id("bad"));
  CHECK(short_one.ids[1] == v.id("good"));
  CHECK(std::all_of(short_one.ids.begin() + 2, short_one.ids.end(), [](std::int32_t i) { return i == 0; }));

  tokens many;
  for (int i = 0; i < 200; ++i) many.push_back(i < 127 ? "good" : i == 127 ? "bad" : "unknown");
  many.insert(many.begin(), "unknown");
  const encoded_review long_one = v.encode(many, 0);
  CHECK(long_one.label == 0);
  CHECK(long_one.ids[126] == v.id("good"));
  CHECK(long_one.ids[127] == v.id("bad"));
  many.push_back("bad");
  CHECK(v.encode(many, 0).ids == long_one.ids);  // words past the first 128 known ones are cut
}

TEST_CASE("a vocabulary survives save and load, and a bad file is an input_error") {
  const fs::path dir = fresh_dir("vocab");
  const auto v = vocabulary::build({{"movi", "great", "movi", "bore"}});
  v.save(dir / "vocab.txt");
  const auto u = vocabulary::load(dir / "vocab.txt");
  REQUIRE(u.size() == v.size());
  for (std::int32_t i = 0; i < static_cast<std::int32_t>(v.size()); ++i) CHECK(u.word(i) == v.word(i));
  CHECK(u.id("great") == v.id("great"));

  CHECK(error_of([&] { vocabulary::load(dir / "absent.txt"); }).file == (dir / "absent.txt").string());
  CHECK(error_of([&] { vocabulary::load(write_file(dir / "a.txt", "movi\n")); }).file ==
        (dir / "a.txt").string() + ":1");
  CHECK(error_of([&] { vocabulary::load(write_file(dir / "b.txt", "<pad>\nmovi\ngreat\nmovi\n")); }).file ==
        (dir / "b.txt").string() + ":4");
  CHECK(error_of([&] { vocabulary::load(write_file(dir / "c.txt", "<pad>\nmovi\n\ngreat\n")); }).file ==
        (dir / "c.txt").string() + ":3");
  CHECK_THROWS_AS(vocabulary::load(write_file(dir / "d.txt", "")), input_error);
}

TEST_CASE("expected ratings pair the two files line by line") {
  const fs::path dir = fresh_dir("ratings");
  const fs::path words = write_file(dir / "v", "good\nbad\n"), ratings = write_file(dir / "er", "0.5\n-1.25e0\n");
  const auto r = expected_ratings(words, ratings);
  REQUIRE(r.size() == 2);
  CHECK(r.at("good") == 0.5);
  CHECK(r.at("bad") == -1.25);
  CHECK(error_of([&] { expected_ratings(words, write_file(dir / "short", "0.5\n")); }).file ==
        (dir / "short").string() + ":2");
  CHECK(error_of([&] { expected_ratings(words, write_file(dir / "nan", "0.5\nx\n")); }).file ==
        (dir / "nan").string() + ":2");
  CHECK(error_of([&] { expected_ratings(write_file(dir / "dup", "good\ngood\n"), ratings); }).file ==
        (dir / "dup").string() + ":2");
}

TEST_CASE("the shipped expected ratings rate great above worst") {
  const auto r = expected_ratings(shared_data / "imdb" / "imdb.vocab", shared_data / "imdb" / "imdbEr.txt");
  CHECK(r.size() == 89527);
  CHECK(r.at("great") > 0);
  CHECK(r.at("worst") < 0);
}

TEST_CASE("the shipped test split has 25000 reviews, half of them positive") {
  const fs::path file = shared_data / "imdb" / "test.csv.gz";
  const auto reviews = load_reviews(file);
  CHECK(reviews.size() == 25000);
  CHECK(std::count_if(reviews.begin(), reviews.end(), [](const review& r) { return r.label == 1; }) == 12500);
  CHECK(reviews.front().origin == file.string() + ":2");
  CHECK(reviews.front().text.starts_with("Once again Mr. Costner"));
  CHECK(load_reviews(file, 10).size() == 10);
}

}  // namespace hardmax::sentiment
