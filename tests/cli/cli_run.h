#pragma once
// The poollab CLI run in-process for the tests: its exit code, standard output and standard error.
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"

struct CliRun {
    int code;
    std::string out, err;
};

inline CliRun run_poollab(const std::vector<std::string>& args, const std::string& stdin_text = "") {
    std::istringstream in(stdin_text);
    std::ostringstream out, err;
    const int code = pl::run_cli(args, in, out, err);
    return {code, out.str(), err.str()};
}
