#include "app/widgets/wrap.h"

#include <algorithm>

namespace {

float g_lowest = 0.0f;

// One paragraph (no newlines), wrapped at spaces; returns the y below it.
float draw_paragraph(ImDrawList* dl, ImFont* font, ImVec2 at, ImU32 colour, std::string_view text, float width) {
    const float size = font->FontSize;
    auto measure = [&](size_t from, size_t to) { return font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data() + from, text.data() + to).x; };
    float y = at.y;
    size_t start = 0;
    do {
        // The most whole words from `start` that fit; at least one.
        size_t end = text.find(' ', start);
        if (end == std::string_view::npos) end = text.size();
        while (end < text.size()) {
            size_t next = text.find(' ', end + 1);
            if (next == std::string_view::npos) next = text.size();
            if (width > 0 && measure(start, next) > width) break;
            end = next;
        }
        dl->AddText(font, size, ImVec2(at.x, y), colour, text.data() + start, text.data() + end);
        y += size * 1.25f;
        start = end;
        while (start < text.size() && text[start] == ' ') ++start;
    } while (start < text.size());
    return y;
}

}  // namespace

float draw_wrapped_text(ImDrawList* dl, ImFont* font, ImVec2 at, ImU32 colour, std::string_view text, float width) {
    float y = at.y;
    size_t start = 0;
    while (true) {
        const size_t nl = text.find('\n', start);
        const std::string_view line = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        y = draw_paragraph(dl, font, ImVec2(at.x, y), colour, line, width);
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    g_lowest = std::max(g_lowest, y);
    return y - at.y;
}

float lowest_text() { return g_lowest; }
void reset_lowest_text() { g_lowest = 0.0f; }
