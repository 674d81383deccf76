#pragma once
// Saves the current GL framebuffer as a PNG (for tests and figure export).
#include <string>

bool save_screenshot(const std::string& path, int width, int height);

// The current GL framebuffer as PNG bytes ("" if it cannot be read).
std::string screenshot_png(int width, int height);
