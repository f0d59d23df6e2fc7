// Configuration files: exact numbers, and a clear error (file, field, reason) for each violation.
#include "io/config_file.hpp"

#include <doctest/doctest.h>

namespace hardmax {
using nlohmann::json;

namespace {

problem parse(const std::string& text) { return parse_problem(json::parse(text), "test.json"); }

// The error for `text` names `field` and contains `reason`.
void check_rejected(const std::string& text, const std::string& field, const std::string& reason) {
  CAPTURE(text);
  try {
    parse(text);
    FAIL("accepted");
  } catch (const input_error& e) {
    CHECK(e.file == "test.json");
    CHECK(e.field == field);
    CHECK(std::string(e.what()).find(reason) != std::string::npos);
    CAPTURE(e.what());
  }
}

}  // namespace

TEST_CASE("the issue's example file reads exactly, with A defaulting to the identity") {
  const problem p = parse(R"({"d": 2, "alpha": "1/2", "tokens": [["1","1/3"], ["-1/12","1/12"]], "layers": 30})");
  CHECK(p.alpha == rational(1, 2));
  CHECK(p.Z0(0, 1) == rational(1, 3));
  CHECK(p.Z0(1, 0) == rational(-1, 12));
  CHECK(p.A == matrix<rational>::Identity(2, 2));
  CHECK(*p.layers == 30);
  CHECK(!p.tau);
  CHECK(!p.V);
}

TEST_CASE("plain JSON numbers mean the exact value of the double they parse to") {
  const problem p = parse(R"({"alpha": 0.1, "tokens": [[3], [-2], [12345678901234567890]]})");
  CHECK(p.alpha == exact_value(0.1));
  CHECK(p.alpha != rational(1, 10));
  CHECK(p.Z0(0, 0) == 3);
  CHECK(p.Z0(1, 0) == -2);
  CHECK(p.Z0(2, 0) == rational(boost::multiprecision::mpz_int("12345678901234567890")));
}

TEST_CASE("optional fields: A, V, tau, description") {
  const problem p = parse(R"({"alpha": "2", "A": [["2","1"],["1","1"]], "V": [["0","1"],["1","0"]], "tau": "1e-3",
                              "description": "x", "tokens": [["1","0"]]})");
  CHECK(p.A(0, 1) == 1);
  CHECK((*p.V)(0, 1) == 1);
  CHECK(*p.tau == rational(1, 1000));
  CHECK(p.description == "x");
}

TEST_CASE("every validation error names its field and reason") {
  check_rejected(R"([1, 2])", "", "top level");
  check_rejected(R"({"alpha": "1", "tokens": [["1"]], "layer": 3})", "layer", "unknown key");
  check_rejected(R"({"alpha": "1"})", "tokens", "missing");
  check_rejected(R"({"tokens": [["1"]]})", "alpha", "missing");
  check_rejected(R"({"alpha": "1", "tokens": []})", "tokens", "must not be empty");
  check_rejected(R"({"alpha": "1", "tokens": [[]]})", "tokens[0]", "must not be empty");
  check_rejected(R"({"alpha": "1", "tokens": "x"})", "tokens", "expected an array");
  check_rejected(R"({"alpha": "1", "tokens": [["1","2"],["3"]]})", "tokens[1]", "has 1 entries, expected 2");
  check_rejected(R"({"alpha": "1", "d": 3, "tokens": [["1","2"]]})", "tokens[0]", "expected 3");
  check_rejected(R"({"alpha": "1", "d": 0, "tokens": [["1"]]})", "d", "at least 1");
  check_rejected(R"({"alpha": "1", "tokens": [["1","x"]]})", "tokens[0][1]", "cannot read");
  check_rejected(R"({"alpha": "1", "tokens": [["1",true]]})", "tokens[0][1]", "expected a number");
  check_rejected(R"({"alpha": "1", "tokens": [["1/0"]]})", "tokens[0][0]", "zero denominator");
  check_rejected(R"({"alpha": "0", "tokens": [["1"]]})", "alpha", "must be positive");
  check_rejected(R"({"alpha": "-1/2", "tokens": [["1"]]})", "alpha", "must be positive");
  check_rejected(R"({"alpha": "1", "tau": "0", "tokens": [["1"]]})", "tau", "must be positive");
  check_rejected(R"({"alpha": "1", "layers": -1, "tokens": [["1"]]})", "layers", "at least 0");
  check_rejected(R"({"alpha": "1", "layers": 2.5, "tokens": [["1"]]})", "layers", "whole number");
  check_rejected(R"({"alpha": "1", "A": [["1","0"]], "tokens": [["1","0"]]})", "A", "has 1 rows");
  check_rejected(R"({"alpha": "1", "A": [["1","1/2"],["0","1"]], "tokens": [["1","0"]]})", "A", "not symmetric");
  check_rejected(R"({"alpha": "1", "A": [["1","2"],["2","1"]], "tokens": [["1","0"]]})", "A", "not positive definite");
  check_rejected(R"({"alpha": "1", "A": [["0","0"],["0","1"]], "tokens": [["1","0"]]})", "A", "not positive definite");
  check_rejected(R"({"alpha": "1", "A": [["1","1"],["1","1"]], "tokens": [["1","0"]]})", "A", "pivot 1 is 0");
  check_rejected(R"({"alpha": "1", "V": [["1"]], "tokens": [["1","0"]]})", "V[0]", "expected 2");
  check_rejected(R"({"alpha": "1", "description": 5, "tokens": [["1"]]})", "description", "string");
}

TEST_CASE("positive definiteness is decided exactly, even when double would misjudge it") {
  // det = 1e-40 > 0: positive definite, though 1 - (1 - 1e-20)^2 is 0 in double.
  CHECK_NOTHROW(parse(R"({"alpha": "1", "A": [["1","0.99999999999999999999"],["0.99999999999999999999","1"]],
                          "tokens": [["1","0"]]})"));
  check_rejected(R"({"alpha": "1", "A": [["1","1.00000000000000000001"],["1.00000000000000000001","1"]],
                     "tokens": [["1","0"]]})",
                 "A", "not positive definite");
}

TEST_CASE("files: unreadable and malformed JSON are input errors naming the file") {
  CHECK_THROWS_WITH_AS(read_problem("/nonexistent/config.json"), doctest::Contains("/nonexistent/config.json"), input_error);
}

TEST_CASE("to_json writes a file that reads back to the same problem") {
  const problem p = parse(R"({"alpha": "7/3", "A": [["2","1"],["1","1"]], "tau": "1/8", "layers": 4,
                              "tokens": [["1/3","-0.5"],["1e-3","2"]]})");
  const problem q = parse_problem(to_json(p), "round-trip");
  CHECK(q.A == p.A);
  CHECK(q.alpha == p.alpha);
  CHECK(q.Z0 == p.Z0);
  CHECK(*q.tau == *p.tau);
  CHECK(*q.layers == 4);
}

}  // namespace hardmax
