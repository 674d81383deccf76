#pragma once
// What the poollab commands share: exit codes, the usage text, and reading
// options and input. One file per command includes it; not for use outside
// src/cli.
#include <iosfwd>
#include <string>
#include <vector>

#include "core/grid.h"
#include "core/pool.h"
#include "core/shift.h"

namespace pl {
namespace cli_parts {

constexpr int kExitOk = 0;
constexpr int kExitBadData = 1;
constexpr int kExitUsage = 2;

// The whole usage text, printed by --help and after a bad command or option.
extern const char* const kUsage;

// The commands, each given its arguments after the command name. They return
// an exit code as run_cli does.
int run_pool(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);
int run_shift(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);
int run_summary(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);
int run_conv(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);
int run_picture(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// Everything of a stream, e.g. a whole input file.
std::string read_all(std::istream& in);

// Everything pool and shift take on the command line.
struct Options {
    PoolParams pool;
    bool stride_given = false;
    bool json = false;
    std::string file;
    // shift
    int dx = 1, dy = 0;
    ShiftFill fill = ShiftFill::Zero;
    std::vector<Downsample> ops;
    int blur = 3;
    int sweep = -1;
};

// Parses the options of pool or (with `shift`) shift into *o. Returns -1 to go
// on, or the exit code to stop with.
int parse_options(const std::vector<std::string>& args, bool shift, Options* o, std::ostream& out, std::ostream& err);

// Reads the input grid; on failure prints why and returns false.
bool read_grid(const Options& o, std::istream& in, std::ostream& err, Grid* grid, std::string* source);

}  // namespace cli_parts
}  // namespace pl
