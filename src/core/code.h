#pragma once
// "Show the code": for the state on screen, a program in NumPy, PyTorch,
// Keras or TensorFlow.js that computes the same numbers, for a student to
// run and a teacher to put on a slide. Each prints its result the way
// `poollab pool` does (CSV, one row a line), so the test suite runs them and
// compares (tests/code/).
#include <string>

#include "core/grid.h"
#include "core/pool.h"
#include "core/result.h"

namespace pl {

enum class CodeLang { NumPy, PyTorch, Keras, TFJS };
constexpr int kCodeLangCount = 4;
const char* code_lang_name(CodeLang lang);   // "numpy", "pytorch", "keras", "tfjs" (the CLI's --lang)
const char* code_lang_title(CodeLang lang);  // "NumPy", "PyTorch", "Keras", "TensorFlow.js"
bool parse_code_lang(const std::string& s, CodeLang* lang);

// Pooling `input` as PoolLab does (TensorFlow semantics: "same" pads with
// cells that take no part, the smaller half before). Fails, with the same
// words as pool2d, where the pooling itself would.
Result<std::string> pool_code(CodeLang lang, const Grid& input, const PoolParams& p);

}  // namespace pl
