#include "sentiment/data/reviews.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>

#include "io/config_file.hpp"

namespace hardmax::sentiment {
namespace {

namespace fs = std::filesystem;

std::string file_line(const fs::path& file, std::size_t line) { return fmt::format("{}:{}", file.string(), line); }

// Long enough to recognise, short enough that a shifted column (a whole review where the label should
// be) does not flood the message.
std::string excerpt(std::string_view s) {
  constexpr std::size_t limit = 40;
  return s.size() <= limit ? std::string(s) : fmt::format("{}...", s.substr(0, limit));
}

std::string read_plain(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw input_error(file.string(), "", "cannot open the file");
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) throw input_error(file.string(), "", "reading the file failed");
  return std::move(content).str();
}

std::string read_gzip(const fs::path& file) {
  gzFile in = gzopen(file.c_str(), "rb");
  if (in == nullptr) throw input_error(file.string(), "", "cannot open the file");
  gzbuffer(in, 1 << 18);
  std::string content;
  std::array<char, 1 << 18> chunk;
  for (;;) {
    const int n = gzread(in, chunk.data(), static_cast<unsigned>(chunk.size()));
    if (n < 0) {
      int code = 0;
      const std::string why = gzerror(in, &code);
      gzclose(in);
      throw input_error(file.string(), "", fmt::format("corrupt gzip data: {}", why));
    }
    if (n == 0) break;
    content.append(chunk.data(), static_cast<std::size_t>(n));
  }
  // gzread reports a stream cut short as a plain end of file; only gzclose tells (Z_BUF_ERROR).
  const int rc = gzclose(in);
  if (rc == Z_BUF_ERROR) throw input_error(file.string(), "", "the gzip stream is truncated");
  if (rc != Z_OK) throw input_error(file.string(), "", "reading the gzip file failed");
  return content;
}

// The content whatever the name says: a gzip stream is told by its magic bytes 1f 8b.
std::string read_possibly_gzipped(const fs::path& file) {
  std::array<unsigned char, 2> magic{};
  {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw input_error(file.string(), "", "cannot open the file");
    in.read(reinterpret_cast<char*>(magic.data()), magic.size());
    if (in.gcount() < 2) magic = {};
  }
  return magic[0] == 0x1f && magic[1] == 0x8b ? read_gzip(file) : read_plain(file);
}

// RFC 4180 records over the whole content. Lines are counted by '\n' so errors and origins point at
// the physical line a record (or an unterminated quote) starts on.
class csv_records {
 public:
  csv_records(const fs::path& file, std::string_view data) : file_(file), data_(data) {
    if (data_.starts_with("\xEF\xBB\xBF")) pos_ = 3;  // spreadsheet programs write a UTF-8 byte-order mark
  }

  bool at_end() const { return pos_ >= data_.size(); }
  std::size_t line() const { return line_; }

  // The next record's fields; precondition !at_end().
  std::vector<std::string> next() {
    std::vector<std::string> fields;
    for (;;) {
      fields.push_back(at_quote() ? quoted() : unquoted());
      if (at_end()) return fields;
      if (data_[pos_] == ',') {
        ++pos_;
        continue;
      }
      end_of_line();
      return fields;
    }
  }

 private:
  [[noreturn]] void fail(std::size_t line, const std::string& reason) const {
    throw input_error(file_line(file_, line), "", reason);
  }

  bool at_quote() const { return pos_ < data_.size() && data_[pos_] == '"'; }

  bool at_line_end() const {
    return data_[pos_] == '\n' || (data_[pos_] == '\r' && pos_ + 1 < data_.size() && data_[pos_ + 1] == '\n');
  }

  void end_of_line() {
    pos_ += data_[pos_] == '\r' ? 2 : 1;
    ++line_;
  }

  std::string unquoted() {
    const std::size_t start = pos_;
    while (pos_ < data_.size() && data_[pos_] != ',' && !at_line_end()) {
      if (data_[pos_] == '"')
        fail(line_, "a quote inside an unquoted field (quote the whole field and double the quote)");
      ++pos_;
    }
    return std::string(data_.substr(start, pos_ - start));
  }

  std::string quoted() {
    const std::size_t opened = line_;
    std::string field;
    ++pos_;
    for (;;) {
      const std::size_t close = data_.find('"', pos_);
      if (close == std::string_view::npos) fail(opened, "unterminated quoted field (the closing quote is missing)");
      const std::string_view piece = data_.substr(pos_, close - pos_);
      line_ += static_cast<std::size_t>(std::count(piece.begin(), piece.end(), '\n'));
      field.append(piece);
      pos_ = close + 1;
      if (at_quote()) {  // "" stands for one quote
        field.push_back('"');
        ++pos_;
        continue;
      }
      if (!at_end() && data_[pos_] != ',' && !at_line_end())
        fail(line_, fmt::format("unexpected character '{}' after a closing quote", data_[pos_]));
      return field;
    }
  }

  const fs::path& file_;
  std::string_view data_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

std::vector<review> load_csv(const fs::path& file, std::size_t limit) {
  const std::string content = read_possibly_gzipped(file);
  csv_records records(file, content);
  if (records.at_end()) throw input_error(file_line(file, 1), "", "empty file: expected the header review,sentiment");

  const std::vector<std::string> header = records.next();
  const auto column = [&](const char* name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  const std::size_t text_column = column("review"), label_column = column("sentiment");
  if (header.size() != 2 || text_column == 2 || label_column == 2)
    throw input_error(file_line(file, 1), "",
                      fmt::format("expected the header review,sentiment, found '{}'",
                                  excerpt(fmt::format("{}", fmt::join(header, ",")))));

  std::vector<review> reviews;
  while (!records.at_end() && reviews.size() < limit) {
    const std::size_t line = records.line();
    std::vector<std::string> fields = records.next();
    if (fields.size() != 2)
      throw input_error(file_line(file, line), "",
                        fmt::format("expected 2 fields (review,sentiment), found {}", fields.size()));
    const std::string& label = fields[label_column];
    if (label != "positive" && label != "negative")
      throw input_error(file_line(file, line), "sentiment",
                        fmt::format("label '{}' is neither positive nor negative", excerpt(label)));
    reviews.push_back({std::move(fields[text_column]), label == "positive" ? 1 : 0, file_line(file, line)});
  }
  return reviews;
}

std::vector<fs::path> text_files(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".txt" && entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<review> load_split_directory(const fs::path& dir, std::size_t limit) {
  const fs::path neg = dir / "neg", pos = dir / "pos";
  if (!fs::is_directory(neg) || !fs::is_directory(pos)) {
    const bool root = fs::is_directory(dir / "train") || fs::is_directory(dir / "test");
    throw input_error(dir.string(), "",
                      root ? "this is the aclImdb root: give its train/ or test/ directory"
                           : "a directory must be an aclImdb split with pos/ and neg/ subdirectories");
  }
  const std::vector<fs::path> negatives = text_files(neg), positives = text_files(pos);
  std::vector<review> reviews;
  const auto add = [&](const fs::path& file, int label) {
    if (reviews.size() < limit) reviews.push_back({read_plain(file), label, file.string()});
  };
  for (std::size_t i = 0; i < std::max(negatives.size(), positives.size()) && reviews.size() < limit; ++i) {
    if (i < negatives.size()) add(negatives[i], 0);
    if (i < positives.size()) add(positives[i], 1);
  }
  return reviews;
}

}  // namespace

std::vector<review> load_reviews(const std::filesystem::path& path, std::size_t limit) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (!fs::exists(status)) throw input_error(path.string(), "", "no such file or directory");
  return fs::is_directory(status) ? load_split_directory(path, limit) : load_csv(path, limit);
}

std::vector<review> load_reviews(const std::filesystem::path& path) {
  return load_reviews(path, std::numeric_limits<std::size_t>::max());
}

}  // namespace hardmax::sentiment
