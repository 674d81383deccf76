#pragma once
// The `poollab` command-line tool, as a function so tests can run it in-process.
#include <iosfwd>
#include <string>
#include <vector>

namespace pl {

// Runs `poollab ARGS...` (args excludes the program name). Reads stdin when no
// file is named. Returns the exit code: 0 ok, 1 bad input data, 2 bad usage.
int run_cli(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace pl
