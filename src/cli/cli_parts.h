#pragma once
// What the poollab commands share: exit codes, the usage text, reading
// arguments and input files, and the pooling options pool and shift both
// take. One file per command includes it; not for use outside src/cli.
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "core/grid.h"
#include "core/pool.h"

namespace pl {
namespace cli_parts {

constexpr int kExitOk = 0;
constexpr int kExitBadData = 1;
constexpr int kExitUsage = 2;
// Not an exit code: the argument was read and the command goes on.
constexpr int kGoOn = -1;

// The whole usage text, printed by --help and after a bad command or option.
extern const char* const kUsage;

// The commands, each given its arguments after the command name. They return
// an exit code as run_cli does.
int run_pool(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);
int run_shift(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);
int run_summary(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);
int run_conv(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);
int run_picture(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_train(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);
int run_eval(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_code(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);

// One command's arguments, read left to right, and where it answers: --help
// goes to `out`, complaints to `err`.
class Arguments {
public:
    Arguments(const std::vector<std::string>& args, const char* command, std::ostream& help_to, std::ostream& complaints_to);

    bool more() const { return next_ < args_.size(); }
    // The next argument; call only when more().
    const std::string& next() { return args_[next_++]; }
    // The argument after `option`, its value. When there is none, or `option`
    // was given before (which one was meant is a guess), says so and returns false.
    bool value_of(const std::string& option, std::string* value);

    // For an argument no option of the command claimed: kExitOk after printing
    // the usage for -h or --help, kExitUsage after refusing an unknown option,
    // and kGoOn for a plain argument (a file name, or "-" for standard input).
    int help_or_unknown(const std::string& arg);

    std::ostream& out;
    std::ostream& err;

private:
    const std::vector<std::string>& args_;
    size_t next_ = 0;
    const char* command_;
    std::vector<std::pair<std::string, std::string>> given_;  // the options with values so far
};

// A plain argument as the command's one input (`what`: "input file",
// "picture"): kGoOn for the first, kExitUsage for a second. Help and unknown
// options are answered as help_or_unknown does.
int read_input_name(Arguments& args, const std::string& arg, const char* what, std::string* input);

// Says that `option` takes `rule` (e.g. "takes a whole number of pixels"), not
// `value`. Returns kExitUsage.
int refuse_value(std::ostream& err, const std::string& option, const std::string& rule, const std::string& value);

// The value of `option` as a pooling operation (max, average, min) or a
// padding (valid, same). kGoOn, or kExitUsage after saying what is wrong.
int read_pool_op(Arguments& args, const std::string& option, PoolOp* op);
int read_padding(Arguments& args, const std::string& option, Padding* padding);

// Where input comes from as people read it: the file name, or "standard input"
// for "" and "-".
std::string input_source(const std::string& file);

// The most any input may hold: more than the largest grid, model or picture
// PoolLab takes, and a bound on reading a device such as /dev/zero.
constexpr size_t kMaxInputBytes = 512u * 1024 * 1024;

// The bytes of a file. False after saying it cannot be read (a directory, too
// large, or not there).
bool read_file(const std::string& path, std::ostream& err, std::string* bytes);

// The text of `file`, or of standard input for "" and "-". False after saying why not.
bool read_input(const std::string& file, std::istream& in, std::ostream& err, std::string* text);

// The grid in `file` (CSV), or in standard input for "" and "-". False after
// saying why not, naming the source.
bool read_grid(const std::string& file, std::istream& in, std::ostream& err, Grid* grid);

// POOLING on the command line: --size, --stride and --padding, as pool and
// shift take them (cli_pool.cpp).
struct PoolingOptions {
    PoolParams params;
    bool stride_given = false;
};
bool is_pooling_option(const std::string& arg);
// Reads the value of a pooling option into *o: kGoOn, or kExitUsage after saying what is wrong.
int read_pooling_option(Arguments& args, const std::string& option, PoolingOptions* o);
// The pooling asked for. As in Keras, the stride defaults to the window size.
PoolParams pooling_asked(const PoolingOptions& o);

}  // namespace cli_parts
}  // namespace pl
