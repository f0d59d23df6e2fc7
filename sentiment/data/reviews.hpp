// Labelled IMDb reviews (data/README.md), read from the files the dataset is distributed as.
#pragma once

#include <cstddef>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

namespace hardmax::sentiment {

struct review {
  std::string text;
  int label;           // 1 positive, 0 negative
  std::string origin;  // "file:line" (the line the CSV record starts on) or the review's own file
};

// `path` is either
//  - a CSV file with the header `review,sentiment` (either column order), RFC 4180 quoting, LF or
//    CRLF line ends, labels `positive` / `negative`; gzip-compressed or not, told by its magic bytes
//    and not its name; or
//  - an aclImdb split directory (DIR/pos/*.txt and DIR/neg/*.txt; other entries such as unsup/ are
//    ignored). Each directory is read in sorted file-name order and the two are interleaved
//    neg, pos, neg, pos, ... like the shipped CSV files, so any prefix is balanced.
// Nothing malformed is skipped: a bad record (wrong number of fields, unterminated or stray quote,
// label other than positive/negative) throws hardmax::input_error whose `file` is "path:line",
// `field` the column concerned (empty for record-level faults) and `reason` what is wrong; an
// unreadable path throws input_error with `file` the path.
std::vector<review> load_reviews(const std::filesystem::path& path);

// The first `limit` reviews in the order above (smoke runs); rows after them are not read or checked.
std::vector<review> load_reviews(const std::filesystem::path& path, std::size_t limit);

}  // namespace hardmax::sentiment
