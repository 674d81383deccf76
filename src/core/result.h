#pragma once
// A value or a message a student can read. Functions that take user input
// return this instead of asserting or throwing: bad input is data.
#include <string>
#include <utility>

namespace pl {

template <class T>
struct Result {
    T value{};
    std::string error;  // empty on success

    bool ok() const { return error.empty(); }
    static Result success(T v) { return Result{std::move(v), {}}; }
    static Result failure(std::string message) { return Result{T{}, std::move(message)}; }
};

}  // namespace pl
