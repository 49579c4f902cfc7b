// Column-aligned text tables for bgpctl's human-readable output: columns as
// wide as their widest cell, two spaces apart, numbers right-aligned.
#pragma once

#include <string>
#include <vector>

namespace meshbgp::cli {

class Table {
 public:
  enum class Align { kLeft, kRight };
  struct Column {
    std::string title;
    Align align = Align::kLeft;
  };

  explicit Table(std::vector<Column> columns);
  // Missing trailing cells are empty; extra cells are ignored.
  void AddRow(std::vector<std::string> cells);
  // Header line then one line per row, each ending in '\n', no trailing blanks.
  std::string Render() const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace meshbgp::cli
