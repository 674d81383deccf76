#pragma once
// "Show the code": a window over the scene with the program that computes
// what is on screen (core/code.h), one tab a language, and a Copy button.
#include <imgui.h>

#include <string>

#include "core/code.h"
#include "core/result.h"

struct CodeWindow {
    bool open = false;
    pl::CodeLang lang = pl::CodeLang::NumPy;
    std::string text;     // the program shown (or why there is none)
    bool failed = false;  // text is a reason, not a program
    ImVec2 copy_button{}; // centre, device pixels (tests)
};

// Draws the window while it is open; `make` writes the program for a language.
void code_window(CodeWindow& w, const char* title, float ratio, pl::Result<std::string> (*make)(pl::CodeLang, const void*), const void* what);
// "code":{"open":..,"lang":..,"text":..,"copy":[x,y]} for the test hook.
std::string code_window_json(const CodeWindow& w, float dpr);
