// poollab: pooling from the command line, for course authors and scripts.
#include <iostream>

#include "cli/cli.h"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    return pl::run_cli(args, std::cin, std::cout, std::cerr);
}
