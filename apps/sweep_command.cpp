#include "apps/sweep_command.hpp"

#include "apps/exit_codes.hpp"
#include "campaigns/grid.hpp"
#include "campaigns/process_group.hpp"
#include "campaigns/sweep_summary.hpp"
#include "io/atomic_file.hpp"
#include "io/config_file.hpp"
#include "io/json_layout.hpp"
#include "numerics/interruption.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>

namespace hardmax {
namespace {

namespace fs = std::filesystem;

struct sweep_options {
  std::string grid;
  std::string out;
  bool resume = false;
};

fs::path cell_file(const std::string& out, std::size_t number) {
  return fs::path(out) / "cells" / fmt::format("cell-{:06}.json", number);
}

// A finished cell from an earlier run, if its file is there and belongs to this grid.
std::optional<cell_result> finished_cell(const fs::path& file, const sweep_cell& cell) {
  if (!fs::exists(file)) return std::nullopt;
  std::ifstream in(file);
  cell_result r;
  try {
    r = cell_result::from_json(nlohmann::json::parse(in));
  } catch (const std::exception& e) {
    throw input_error(file.string(), "", fmt::format("not a finished cell ({}); delete it to recompute the cell", e.what()));
  }
  if (r.cell.n != cell.n || r.cell.d != cell.d || r.cell.alpha != cell.alpha || r.cell.generator != cell.generator ||
      r.cell.seed != cell.seed)
    throw input_error(file.string(), "", "this cell was computed for a different grid or seed; use another --out");
  return r;
}

std::string cell_label(const sweep_cell& c) {
  return fmt::format("n={} d={} alpha={} {}", c.n, c.d, to_string(c.alpha), c.generator);
}

// Every configuration without a certificate, as a file `hardmax limit --config` takes (written before
// the cell file, so a finished cell always has its findings on disk).
void write_uncertified(const std::string& out, const cell_result& r, index max_layers) {
  for (const auto& [number, p] : r.uncertified) {
    problem file = p;
    file.description = fmt::format("hardmax sweep: no L6 certificate within {} layers (cell {}: {}; case {}); {}",
                                   max_layers, r.cell.number, cell_label(r.cell), number, p.description);
    const fs::path target = fs::path(out) / "uncertified" / fmt::format("cell-{:06}-case-{:03}.json", r.cell.number, number);
    fs::create_directories(target.parent_path());
    write_atomically(target, [&](std::ostream& o) { o << json_text(to_json(file), 1) << '\n'; });
  }
}

// This process's cells (number % processes == rank), computed or, with --resume, read back.
std::vector<cell_result> run_my_cells(const sweep_options& opt, const sweep_grid& grid, const process_group& group) {
  const std::vector<sweep_cell> cells = grid.cells();
  std::vector<cell_result> mine;
  for (const sweep_cell& cell : cells) {
    if (static_cast<int>(cell.number % static_cast<std::size_t>(group.size())) != group.rank()) continue;
    const fs::path file = cell_file(opt.out, cell.number);
    if (opt.resume)
      if (std::optional<cell_result> done = finished_cell(file, cell)) {
        mine.push_back(*done);
        continue;
      }
    stop_if_interrupted();
    mine.push_back(measure_cell(cell, grid.cases, grid.max_layers, stop_if_interrupted));
    write_uncertified(opt.out, mine.back(), grid.max_layers);
    write_atomically(file, [&](std::ostream& out) { write_json_document(out, mine.back().to_json()); });
    fmt::print(stderr, "[rank {}/{}] cell {}/{} ({}): {}/{} certified, mean K* {:.2f}, {:.2f} s\n", group.rank(),
               group.size(), cell.number + 1, cells.size(), cell_label(cell), mine.back().certified, grid.cases,
               mine.back().mean_K, mine.back().seconds);
  }
  return mine;
}

// Why --out cannot take this sweep ("" if it can), after creating it. Test only: the environment
// variable HARDMAX_TEST_DIRECTORY_DELAY_MS delays the decision, so that another rank, were it not
// waiting for it, would write its first cells first (tests/cli/sweep_test.sh makes the race certain).
std::string output_directory_refusal(const sweep_options& opt) {
  if (const char* delay = std::getenv("HARDMAX_TEST_DIRECTORY_DELAY_MS"))
    std::this_thread::sleep_for(std::chrono::milliseconds(std::atol(delay)));
  std::error_code ec;
  fs::create_directories(fs::path(opt.out) / "cells", ec);
  if (ec) return fmt::format("{}: cannot create the output directory: {}", opt.out, ec.message());
  if (!opt.resume && !fs::is_empty(fs::path(opt.out) / "cells", ec))
    return fmt::format("{}: holds cells of an earlier sweep; pass --resume to continue it, or use another --out", opt.out);
  return "";
}

int run_sweep(const sweep_options& opt, const std::string& command_line) {
  const sweep_grid grid = read_grid(opt.grid);
  const process_group& group = process_group::world();
  // Rank 0 decides about the directory before any rank writes to it, and every rank learns the verdict:
  // a rank that checked on its own could see another rank's first cells as an earlier sweep's.
  const std::string refusal = group.broadcast(group.rank() == 0 ? output_directory_refusal(opt) : std::string());
  if (!refusal.empty()) throw output_error(refusal);
  group.barrier();
  const std::vector<cell_result> mine = run_my_cells(opt, grid, group);
  nlohmann::json mine_json = nlohmann::json::array();
  for (const cell_result& r : mine) mine_json.push_back(r.to_json());
  const std::vector<std::string> gathered = group.gather(json_text(mine_json));
  if (group.rank() != 0) return exit_code::ok;
  std::vector<cell_result> all;
  for (const std::string& text : gathered)
    for (const nlohmann::json& j : nlohmann::json::parse(text)) all.push_back(cell_result::from_json(j));
  std::sort(all.begin(), all.end(), [](const cell_result& a, const cell_result& b) { return a.cell.number < b.cell.number; });
  const provenance source{command_line, "exact", opt.grid};
  write_atomically(fs::path(opt.out) / "summary.csv", [&](std::ostream& out) { write_summary_csv(out, all); });
  const std::string md = summary_markdown(all, source, opt.grid, grid.seed, group.size());
  write_atomically(fs::path(opt.out) / "summary.md", [&](std::ostream& out) { out << md; });
  fmt::print("{} cells on {} process(es): {}/summary.csv and {}/summary.md\n", all.size(), group.size(), opt.out, opt.out);
  return exit_code::ok;
}

}  // namespace

void add_sweep_command(CLI::App& app, const std::string& command_line) {
  auto opt = std::make_shared<sweep_options>();
  CLI::App* cmd = app.add_subcommand(
      "sweep", "Measure K* (L6), leaders, clusters, certified-engine escalations and bit growth over a parameter grid");
  cmd->add_option("--grid", opt->grid, "Grid file (JSON: n, d, alpha, generator lists; cases, max_layers, seed)")
      ->required();
  cmd->add_option("--out", opt->out, "Output directory: cells/cell-NNNNNN.json per finished cell, summary.csv, summary.md")
      ->required();
  cmd->add_flag("--resume", opt->resume, "Keep the finished cells already in --out and compute only the rest");
  cmd->footer("Runs unchanged in one process or under mpirun -np N: cell c goes to rank c mod N, every random choice\n"
              "derives from the grid's seed and the cell number, so summary.csv is the same for any N (docs/CAMPAIGNS.md).");
  on_run(cmd, [opt, command_line] { return run_sweep(*opt, command_line); });
}

}  // namespace hardmax
